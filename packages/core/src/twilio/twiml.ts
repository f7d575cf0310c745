const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/**
 * A TwiML messaging answer: one `<Message>` per text, or `<Response/>` for none. Written by hand
 * (a few lines of escaping) because `twilio.twiml.MessagingResponse` would load the whole SDK on
 * every cold `/sms` request.
 */
export function twimlResponse(texts: readonly string[]): Response {
  const body =
    texts.length === 0
      ? '<?xml version="1.0" encoding="UTF-8"?><Response/>'
      : `<?xml version="1.0" encoding="UTF-8"?><Response>${texts
          .map((text) => `<Message>${escapeXml(text)}</Message>`)
          .join('')}</Response>`;
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
  });
}
