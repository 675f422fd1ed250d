/**
 * A tiny static file server for the end-to-end tests: serves a built dist/
 * folder on 127.0.0.1 under a base path (as GitHub Pages serves a project
 * site), with directory index.html and the site's 404.html. It records every
 * request, so tests can assert that a page loads nothing unexpected.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** e.g. "http://127.0.0.1:41234/fieldproof/" */
  url: string;
  requests: string[];
  close(): Promise<void>;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const requests: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push(pathname);
    const send = async (file: string, status = 200) => {
      response.writeHead(status, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    };
    const notFound = async () => {
      const page = path.join(root, '404.html');
      if (await isFile(page)) return send(page, 404);
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    };
    if (`${pathname}/` === prefix) {
      response.writeHead(301, { Location: prefix }).end();
      return;
    }
    if (!pathname.startsWith(prefix)) return notFound();
    const relative = pathname.slice(prefix.length);
    const file = path.resolve(root, relative);
    if (!file.startsWith(path.resolve(root))) return notFound();
    if (await isFile(file)) return send(file);
    if (await isFile(path.join(file, 'index.html'))) {
      if (!pathname.endsWith('/')) {
        response.writeHead(301, { Location: `${pathname}/` }).end();
        return;
      }
      return send(path.join(file, 'index.html'));
    }
    return notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((failure) => (failure ? reject(failure) : resolve()))),
  };
}
