/**
 * The phone simulator page: pick (or type) a phone number, read what it received, text back.
 * Self-contained (no fonts, CDNs or build step); message text is only ever set with textContent.
 */
export const PHONE_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Phone simulator · smsbridge</title>
<style>
  :root { --blue: #0a84ff; --grey: #e9e9eb; --ink: #111; --muted: #8e8e93; --bg: #f2f2f7; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.35 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
         color: var(--ink); background: linear-gradient(160deg, #dfe6f0, #c9d3e3); min-height: 100vh;
         display: flex; gap: 32px; align-items: center; justify-content: center; padding: 24px; }
  .panel { width: 260px; background: #fff; border-radius: 16px; padding: 16px; box-shadow: 0 8px 30px #0002; }
  .panel h1 { font-size: 17px; margin: 0 0 4px; }
  .panel p { color: var(--muted); margin: 0 0 12px; font-size: 13px; }
  .phones { list-style: none; margin: 0 0 12px; padding: 0; }
  .phones button { width: 100%; text-align: left; border: 0; background: none; padding: 10px; border-radius: 10px;
                   font: inherit; cursor: pointer; display: flex; justify-content: space-between; align-items: baseline; }
  .phones button[aria-current="true"] { background: var(--blue); color: #fff; }
  .phones button .count { color: inherit; opacity: .7; font-size: 12px; }
  .add { display: flex; gap: 6px; }
  .add input { flex: 1; min-width: 0; padding: 8px 10px; border: 1px solid #d1d1d6; border-radius: 10px; font: inherit; }
  .add button, .send { border: 0; background: var(--blue); color: #fff; border-radius: 10px; padding: 8px 12px;
                       font: inherit; font-weight: 600; cursor: pointer; }
  /* Fits short windows (a laptop's browser, the default 1280×720 screenshot) without scrolling. */
  .phone { width: 375px; height: min(720px, calc(100vh - 48px)); min-height: 480px; background: #000; border-radius: 48px; padding: 14px;
           box-shadow: 0 20px 60px #0004; }
  .screen { background: #fff; border-radius: 36px; height: 100%; display: flex; flex-direction: column; overflow: hidden; }
  .top { background: var(--bg); padding: 28px 16px 10px; text-align: center; border-bottom: 1px solid #d1d1d6; }
  .avatar { width: 44px; height: 44px; border-radius: 50%; margin: 0 auto 4px; background: linear-gradient(#a1a1aa, #71717a);
            color: #fff; display: grid; place-items: center; font-weight: 600; }
  .top .to { font-size: 12px; color: var(--ink); }
  .top select { font: inherit; font-size: 12px; border: 0; background: none; text-align: center; }
  .top .me { font-size: 11px; color: var(--muted); margin-top: 2px; }
  .thread { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 4px; }
  .empty { margin: auto; color: var(--muted); text-align: center; font-size: 13px; padding: 0 24px; }
  .time { text-align: center; color: var(--muted); font-size: 11px; margin: 10px 0 4px; }
  .bubble { max-width: 78%; padding: 8px 12px; border-radius: 18px; white-space: pre-wrap; word-wrap: break-word; }
  .received { align-self: flex-start; background: var(--grey); border-bottom-left-radius: 4px; }
  .sent { align-self: flex-end; background: var(--blue); color: #fff; border-bottom-right-radius: 4px; }
  .bubble.failed { background: #fff; border: 1px dashed #ff3b30; color: var(--muted); }
  .meta { font-size: 11px; color: var(--muted); margin: 0 6px 6px; }
  .meta.sent { align-self: flex-end; background: none; color: var(--muted); padding: 0; }
  .meta.received { align-self: flex-start; background: none; padding: 0; }
  .meta.error { color: #ff3b30; }
  .compose { display: flex; gap: 8px; padding: 10px 12px 18px; border-top: 1px solid #e5e5ea; align-items: center; }
  .compose input { flex: 1; padding: 9px 14px; border: 1px solid #d1d1d6; border-radius: 20px; font: inherit; outline: none; }
  .send { border-radius: 50%; width: 36px; height: 36px; padding: 0; font-size: 18px; line-height: 36px; }
  .send:disabled { background: #b5d5ff; cursor: default; }
  .notice { background: #fff4e5; color: #8a4b00; font-size: 12px; padding: 8px 12px; }
  .notice[hidden] { display: none; }
  /* Narrower than panel + phone side by side: stack them from the top. Centring a row that is
     wider than the screen pushed the panel off the left edge, where no scrolling reaches it. */
  @media (max-width: 720px) {
    body { flex-direction: column; align-items: stretch; justify-content: flex-start; gap: 12px; padding: 12px; }
    .panel { width: auto; }
    .phone { width: 100%; max-width: 375px; align-self: center; height: calc(100dvh - 24px); min-height: 420px;
             border-radius: 36px; padding: 10px; }
    .screen { border-radius: 28px; }
  }
</style>
</head>
<body>
  <aside class="panel">
    <h1>Phone simulator</h1>
    <p>Be a phone: read the texts a number got, and text back.</p>
    <ul class="phones" id="phones"></ul>
    <form class="add" id="add-phone">
      <input id="new-phone" placeholder="+15551234567" aria-label="Phone number" autocomplete="off">
      <button type="submit">Use</button>
    </form>
  </aside>
  <main class="phone">
    <div class="screen">
      <div class="top">
        <div class="avatar" aria-hidden="true">SMS</div>
        <div class="to">to <select id="to" aria-label="Number you are texting"></select></div>
        <div class="me" id="me">pick a phone number</div>
      </div>
      <div class="notice" id="notice" hidden></div>
      <div class="thread" id="thread" aria-live="polite"></div>
      <form class="compose" id="compose">
        <input id="body" placeholder="Text Message" aria-label="Message" autocomplete="off">
        <button class="send" id="send" type="submit" aria-label="Send" disabled>&#8593;</button>
      </form>
    </div>
  </main>
<script>
(() => {
  const E164 = /^\\+[1-9]\\d{1,14}$/;
  // The page may be served as /phone or /phone/: build the API paths from where it is.
  const base = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
  const url = (path) => base + path;
  const state = { numbers: [], messages: new Map(), phone: null, webhookConfigured: false };
  const $ = (id) => document.getElementById(id);
  const STATUS = { delivered: 'Delivered', sent: 'Sent', queued: 'Sending…', accepted: 'Sending…',
                   sending: 'Sending…', received: 'Delivered', undelivered: 'Not delivered', failed: 'Failed' };

  function phones() {
    const seen = new Map();
    for (const m of state.messages.values()) seen.set(m.phone, (seen.get(m.phone) || 0) + 1);
    if (state.phone && !seen.has(state.phone)) seen.set(state.phone, 0);
    return [...seen.entries()];
  }
  function accountNumbers() {
    const all = new Set(state.numbers);
    for (const m of state.messages.values()) if (m.number && m.number.startsWith('+')) all.add(m.number);
    return [...all];
  }
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function renderPhones() {
    const list = $('phones');
    list.replaceChildren();
    for (const [phone, count] of phones()) {
      const button = el('button');
      button.type = 'button';
      button.setAttribute('aria-current', String(phone === state.phone));
      button.append(el('span', '', phone), el('span', 'count', count + (count === 1 ? ' text' : ' texts')));
      button.onclick = () => select(phone);
      const item = el('li');
      item.append(button);
      list.append(item);
    }
    const to = $('to');
    const current = to.value;
    to.replaceChildren(...accountNumbers().map((n) => { const o = el('option', '', n); o.value = n; return o; }));
    if (current) to.value = current;
  }
  function renderThread() {
    const thread = $('thread');
    thread.replaceChildren();
    $('me').textContent = state.phone ? 'you are ' + state.phone : 'pick a phone number';
    $('send').disabled = !state.phone;
    const notice = $('notice');
    notice.hidden = state.webhookConfigured;
    notice.textContent = 'No SMS webhook URL is configured: texts you send go nowhere. Start the emulators with --sms-webhook-url.';
    if (!state.phone) { thread.append(el('div', 'empty', 'Pick a number on the left, or type one, to see its texts.')); return; }
    const mine = [...state.messages.values()].filter((m) => m.phone === state.phone)
      .sort((a, b) => a.at.localeCompare(b.at));
    if (mine.length === 0) thread.append(el('div', 'empty', 'No texts yet. Say hello!'));
    let lastTime = 0;
    for (const m of mine) {
      const at = new Date(m.at);
      if (at - lastTime > 5 * 60 * 1000) {
        thread.append(el('div', 'time', at.toLocaleString([], { weekday: 'short', hour: 'numeric', minute: '2-digit' })));
      }
      lastTime = at;
      const failed = m.status === 'failed' || m.status === 'undelivered';
      const bubble = el('div', 'bubble ' + m.direction + (failed ? ' failed' : ''), m.body);
      bubble.title = m.sid;
      bubble.dataset.sid = m.sid;
      thread.append(bubble);
      for (const url of m.mediaUrls || []) thread.append(el('div', 'meta ' + m.direction, '📎 ' + url));
      if (m.source === 'auto-reply') thread.append(el('div', 'meta ' + m.direction, 'Automatic reply from the carrier'));
      const label = (STATUS[m.status] || m.status) + (m.errorCode ? ' (' + m.errorCode + ')' : '');
      if (m === mine[mine.length - 1] || failed) thread.append(el('div', 'meta ' + m.direction + (failed ? ' error' : ''), label));
    }
    thread.scrollTop = thread.scrollHeight;
  }
  function render() { renderPhones(); renderThread(); }
  function select(phone) {
    state.phone = phone;
    const last = [...state.messages.values()].filter((m) => m.phone === phone && m.number).pop();
    if (last && last.number.startsWith('+')) $('to').value = last.number;
    history.replaceState(null, '', '?phone=' + encodeURIComponent(phone));
    render();
  }
  $('add-phone').onsubmit = (event) => {
    event.preventDefault();
    const phone = $('new-phone').value.replace(/[\\s()-]/g, '');
    if (!E164.test(phone)) { $('new-phone').setCustomValidity('Use E.164, like +15551234567'); $('new-phone').reportValidity(); return; }
    $('new-phone').setCustomValidity('');
    $('new-phone').value = '';
    select(phone);
  };
  $('new-phone').oninput = () => $('new-phone').setCustomValidity('');
  $('compose').onsubmit = async (event) => {
    event.preventDefault();
    const body = $('body').value;
    if (!state.phone || !body.trim()) return;
    $('send').disabled = true;
    try {
      const response = await fetch(url('api/send'), { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: state.phone, to: $('to').value, body }) });
      const result = await response.json();
      if (!response.ok) throw new Error(result.error ? result.error.message : 'Sending failed');
      $('body').value = '';
    } catch (error) {
      const notice = $('notice');
      notice.hidden = false;
      notice.textContent = error.message;
    } finally {
      $('send').disabled = !state.phone;
    }
  };
  async function load() {
    const response = await fetch(url('api/state'));
    const data = await response.json();
    state.numbers = data.numbers;
    state.webhookConfigured = data.webhookConfigured;
    for (const m of data.messages) state.messages.set(m.sid, m);
    const wanted = new URLSearchParams(location.search).get('phone');
    if (wanted && E164.test(wanted)) state.phone = wanted;
    render();
  }
  load().then(() => {
    const events = new EventSource(url('events'));
    events.onmessage = (event) => { const m = JSON.parse(event.data); state.messages.set(m.sid, m); render(); };
    // Reload on every (re)connection: texts that arrived while the stream was down are not replayed.
    events.onopen = () => { load(); };
  });
})();
</script>
</body>
</html>
`;
