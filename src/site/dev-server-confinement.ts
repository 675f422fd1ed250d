/**
 * `npm run dev` serves nothing from outside the project, links included.
 *
 * Vite's dev server serves any file under the project by its path (a CSV in
 * data/, a file in public/, /@fs/<absolute path>), and its allow list
 * (server.fs.allow) is checked against the path as written: a link inside
 * data/ or public/ that leads to /etc/passwd passes it, and the file behind
 * the link is served. This middleware runs before Vite's own and answers 403
 * for a request whose file, once every link is followed, is outside the
 * project.
 *
 * Installed dependencies are exempt: the dev server serves its own client
 * code from them by absolute path (/@fs/.../node_modules/vite/...), and
 * node_modules/ may legitimately lead elsewhere (a shared install, a
 * package store, npm link). So a file under the project's node_modules/, or
 * whose real path runs through a node_modules folder, is left to Vite's own
 * rules.
 */
import { realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contains } from '../core/confine.ts';

export interface DevServerFolders {
  /** The project folder Vite serves from (its `root`). */
  root: string;
  /** The folder served at the site's root as it is (Vite's `publicDir`); absent when there is none. */
  publicDir?: string;
  /** Sub-paths the site is served under (Vite's and Astro's base), e.g. "/fieldproof/". */
  bases?: string[];
}

/** The files a request may be answered from, as written: under the project, under public/, or /@fs/ absolute. */
function filesNamedBy(url: string, folders: DevServerFolders): string[] {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return [];
  }
  if (pathname.startsWith('/@fs/')) return [pathname.slice('/@fs'.length)];
  const paths = new Set([pathname]);
  for (const base of folders.bases ?? []) {
    const prefix = base.endsWith('/') ? base : `${base}/`;
    if (prefix !== '/' && pathname.startsWith(prefix)) paths.add(`/${pathname.slice(prefix.length)}`);
  }
  const files: string[] = [];
  for (const each of paths) {
    files.push(path.join(folders.root, each));
    if (folders.publicDir !== undefined) files.push(path.join(folders.publicDir, each));
  }
  return files;
}

/** A function answering whether a file, followed through its links, is outside the project. */
export function outsideTheProject(root: string): (file: string) => Promise<boolean> {
  const dependencies = path.join(path.resolve(root), 'node_modules');
  const realRoot = realpath(root).catch(() => path.resolve(root));
  return async (file) => {
    const lexical = path.resolve(file);
    if (contains(dependencies, lexical)) return false;
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      // Nothing there (or a loop): nothing to serve, and Vite answers 404.
      return false;
    }
    return !contains(await realRoot, real) && !real.split(path.sep).includes('node_modules');
  };
}

export const OUTSIDE = 'fieldproof: this file is outside the project, or reached through a link that leads out of it; the dev server serves only files inside the project.\n';

/** The middleware: 403 for a request whose file leads outside the project, else on to Vite. */
export function confineDevRequests(folders: DevServerFolders) {
  const outside = outsideTheProject(folders.root);
  return (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void => {
    const files = filesNamedBy(request.url ?? '/', folders);
    Promise.all(files.map(outside)).then(
      (answers) => {
        if (!answers.includes(true)) return next();
        response.statusCode = 403;
        response.setHeader('Content-Type', 'text/plain; charset=utf-8');
        response.setHeader('X-Content-Type-Options', 'nosniff');
        response.end(OUTSIDE);
      },
      (cause: unknown) => next(cause),
    );
  };
}

/** The Vite plugin for astro.config.mjs: the middleware installed before Vite's own. */
export function confineDevServer() {
  return {
    name: 'fieldproof-confine-dev-server',
    enforce: 'pre' as const,
    /** @param server Vite's dev server (typed loosely: the site does not depend on Vite's types). */
    configureServer(server: { config: { root: string; publicDir: string | false; base: string }; middlewares: { use: (handler: ReturnType<typeof confineDevRequests>) => void } }) {
      const { root, publicDir, base } = server.config;
      server.middlewares.use(
        confineDevRequests({ root, ...(publicDir ? { publicDir } : {}), bases: [base, process.env.FIELDPROOF_BASE ?? '/'] }),
      );
    },
  };
}
