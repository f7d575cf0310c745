import { bytesOf, hmac, toBase64Url } from '../web/crypto.js';

/**
 * An HS256 JSON Web Token over `payload`, signed with Web Crypto: what Stream's SDKs make with
 * `jsonwebtoken` for server requests (`{ server: true }`) and user tokens (`{ user_id, exp }`).
 */
export async function signJwt(payload: Record<string, unknown>, secret: string): Promise<string> {
  const header = toBase64Url(bytesOf(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const body = toBase64Url(bytesOf(JSON.stringify(payload)));
  const signature = toBase64Url(await hmac('SHA-256', secret, `${header}.${body}`));
  return `${header}.${body}.${signature}`;
}
