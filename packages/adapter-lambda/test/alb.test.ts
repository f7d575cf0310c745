import type { Bridge, FetchContext } from '@smsbridge/core';
import { describe, expect, it } from 'vitest';
import { createLambdaHandler } from '../src/index.js';
import { ALB_PEER_IP, type GatewayKind, startGateway } from './gateway.js';

/** A bridge that records what the adapter passed it and answers 200 with the body it read. */
function recordingBridge() {
  const seen: { url: string; context: FetchContext | undefined; body: string }[] = [];
  const bridge: Bridge = {
    async fetch(request, context) {
      seen.push({ url: request.url, context, body: await request.text() });
      return Response.json({ ok: true }, { headers: { 'x-answered': 'yes' } });
    },
  };
  return { bridge, seen };
}

describe.each<GatewayKind>(['alb', 'alb-multi-value'])('Lambda behind an ALB (%s)', (kind) => {
  it('takes the client IP from the right-most X-Forwarded-For entry, the one the ALB appended', async () => {
    const { bridge, seen } = recordingBridge();
    const gateway = await startGateway(kind, createLambdaHandler(bridge, { basePath: '/bridge' }));
    try {
      const response = await fetch(`${gateway.origin}/bridge/auth?probe=a%20b&x=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6, 7.7.7.7' },
        body: '{"name":"Ada"}',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-answered')).toBe('yes');
      expect(await response.json()).toEqual({ ok: true });
      expect(seen).toHaveLength(1);
      expect(seen[0]?.context).toMatchObject({ clientIp: ALB_PEER_IP, basePath: '/bridge' });
      // The URL as the client called it: what a provider signs.
      expect(new URL(seen[0]?.url ?? '').pathname).toBe('/bridge/auth');
      expect(new URL(seen[0]?.url ?? '').search).toBe('?probe=a%20b&x=1');
      expect(seen[0]?.body).toBe('{"name":"Ada"}');
    } finally {
      await gateway.close();
    }
  });

  it('takes the client IP from the clientIp option, e.g. the CloudFront viewer address', async () => {
    const { bridge, seen } = recordingBridge();
    const gateway = await startGateway(
      kind,
      createLambdaHandler(bridge, {
        clientIp: (headers) => headers.get('cloudfront-viewer-address')?.replace(/:\d+$/, ''),
      }),
    );
    try {
      await fetch(`${gateway.origin}/health`, {
        headers: { 'cloudfront-viewer-address': '2001:db8::7:46532' },
      });
      expect(seen[0]?.context?.clientIp).toBe('2001:db8::7');
    } finally {
      await gateway.close();
    }
  });
});
