import { serializeMessage } from './serialize.js';
import type { MessageStore, TwilioMessage } from './store.js';

/** Twilio's default and maximum page sizes for the 2010 API. */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/** `DateSent` filters: a bare date means that whole UTC day, a timestamp that instant. */
function sentFilter(query: URLSearchParams): (message: TwilioMessage) => boolean {
  const on = query.get('DateSent');
  const before = query.get('DateSent<');
  const after = query.get('DateSent>');
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return (message) => {
    const sent = message.dateSent;
    if (!on && !before && !after) return true;
    if (!sent) return false;
    if (on && (on.length === 10 ? day(sent) !== on : sent.getTime() !== Date.parse(on))) {
      return false;
    }
    if (before && sent.getTime() > Date.parse(before)) return false;
    if (after && sent.getTime() < Date.parse(after)) return false;
    return true;
  };
}

/**
 * `GET …/Messages.json`: inbound and outbound messages, newest first, filtered by `To`, `From`
 * and `DateSent`, in the 2010 API's page envelope. `next_page_uri` carries `Page` and a
 * `PageToken` (the last SID shown) so the SDK's `list()`/`each()` walk every page, and a page
 * stays stable if messages arrive meanwhile.
 */
export function listMessages(
  accountSid: string,
  store: MessageStore,
  query: URLSearchParams,
): Record<string, unknown> {
  const to = query.get('To');
  const from = query.get('From');
  const requested = Number(query.get('PageSize') ?? DEFAULT_PAGE_SIZE);
  const pageSize =
    Number.isInteger(requested) && requested > 0
      ? Math.min(requested, MAX_PAGE_SIZE)
      : DEFAULT_PAGE_SIZE;
  const page = Math.max(0, Number.parseInt(query.get('Page') ?? '0', 10) || 0);
  const matchesSent = sentFilter(query);
  const all = [...store.outbound, ...store.inbound]
    .filter((m) => (!to || m.to === to) && (!from || m.from === from) && matchesSent(m))
    .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());

  const token = query.get('PageToken');
  const afterToken = token ? all.findIndex((m) => `PA${m.sid}` === token) + 1 : 0;
  const start = afterToken > 0 ? afterToken : page * pageSize;
  const items = all.slice(start, start + pageSize);

  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const pageUri = (pageNumber: number, pageToken?: string) => {
    const params = new URLSearchParams();
    if (to) params.set('To', to);
    if (from) params.set('From', from);
    for (const name of ['DateSent', 'DateSent<', 'DateSent>']) {
      const value = query.get(name);
      if (value) params.set(name, value);
    }
    params.set('PageSize', String(pageSize));
    params.set('Page', String(pageNumber));
    if (pageToken) params.set('PageToken', pageToken);
    return `${path}?${params.toString()}`;
  };
  const last = items.at(-1);
  const hasNext = start + pageSize < all.length && last !== undefined;
  return {
    end: start + Math.max(items.length, 1) - 1,
    first_page_uri: pageUri(0),
    messages: items.map(serializeMessage),
    next_page_uri: hasNext ? pageUri(page + 1, `PA${last.sid}`) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? pageUri(page - 1) : null,
    start,
    uri: pageUri(page, token ?? undefined),
  };
}
