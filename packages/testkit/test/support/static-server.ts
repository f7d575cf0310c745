import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { sendText } from '../../src/http/respond.js';
import { type ListeningServer, listen } from '../../src/http/server.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves a built page from `root` on its own loopback port (so the page and API are cross-origin). */
export function serveStatic(root: string): Promise<ListeningServer> {
  return listen(
    async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://static').pathname;
      const file = normalize(join(root, path === '/' ? 'index.html' : path));
      if (!file.startsWith(root)) return sendText(res, 403, 'text/plain', 'forbidden');
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-length': String(body.length),
        });
        res.end(body);
      } catch {
        sendText(res, 404, 'text/plain', 'not found');
      }
    },
    { name: 'static page server' },
  );
}
