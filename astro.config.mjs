// @ts-check
/**
 * The evidence site. Where it is published is set from the environment, so
 * the same repository builds for a local preview, a GitHub Pages project site
 * (https://<owner>.github.io/<repo>/) or a custom domain:
 *
 *   FIELDPROOF_SITE  absolute origin of the published site, used for share
 *                    links and preview images (default https://example.github.io)
 *   FIELDPROOF_BASE  sub-path the site is served from, e.g. /fieldproof
 *                    (default /)
 *   FIELDPROOF_ROOT  project folder holding pilots/ and data/ (default: the
 *                    working directory); used by the build tests
 *   FIELDPROOF_OUT   output folder (default ./dist); a build refuses one whose
 *                    replacement would delete sources (src/site/output-folder.ts)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { count } from './src/core/present/format.ts';
import { decidedPilotPages, projectRoot } from './src/site/data.ts';
import { drawingThreads, drawnOnThreads } from './src/site/drawing-pool.ts';
import { finishPilotPages } from './src/site/kept-pages.ts';
import { shardOf } from './src/site/shards.ts';
import { confineDevServer } from './src/site/dev-server-confinement.ts';
import { markDevServer } from './src/site/evidence.ts';
import { refusalMessage, refuseOutputFolder, shownFolder } from './src/site/output-folder.ts';
import { pruneRenderCache, renderCacheDirectory } from './src/site/render-cache.ts';
import { placeholderAddressWarning, siteAddress } from './src/site/site-address.ts';

const site = siteAddress(process.env);
// The folder holding this config and src/: the build's caches digest the code
// found there, wherever Astro writes its bundle (outside the project when
// FIELDPROOF_OUT points elsewhere).
const codeRoot = path.dirname(fileURLToPath(import.meta.url));
const base = process.env.FIELDPROOF_BASE || '/';

/**
 * After a build, the pilots' kept addresses are copied in and the new ones
 * kept (src/site/kept-pages.ts); then the render cache keeps only what that
 * build used (see src/site/render-cache.ts). Two seconds of slack for file
 * systems that store whole seconds: at worst an unused entry lives one build
 * longer.
 */
function pruneRenderCacheAfterBuild() {
  let started = Date.now();
  return {
    name: 'fieldproof-render-cache',
    hooks: {
      'astro:build:start': () => {
        started = Date.now();
      },
      /** @param {{ dir: URL }} options */
      'astro:build:done': async ({ dir }) => {
        // Pilots whose address was kept by an earlier build are copied in, those rendered now kept (src/site/kept-pages.ts).
        const pages = decidedPilotPages(projectRoot());
        if (pages !== undefined) finishPilotPages(fileURLToPath(dir), await pages);
        // A shard's build is one of several at once: npm run build prunes when all are done (src/site/shards.ts).
        if (shardOf(process.env) === null) pruneRenderCache(renderCacheDirectory(projectRoot()), started - 2000);
      },
    },
  };
}

/** At the end of a build: how much was drawn on the drawing threads (src/site/drawing-pool.ts), if any. */
function reportDrawingThreads() {
  return {
    name: 'fieldproof-drawing-threads',
    hooks: {
      'astro:build:done': () => {
        const { pieces, threads } = drawnOnThreads();
        if (pieces > 0) process.stderr.write(`fieldproof: ${count(pieces, 'chart or card', 'charts and cards')} drawn on ${count(threads, 'thread')} beside the pages\n`);
      },
    },
  };
}

/** At the end of a build, where it is seen: share links built for the placeholder address lead to someone else's site. */
function warnOfPlaceholderAddress() {
  return {
    name: 'fieldproof-site-address',
    hooks: {
      'astro:build:done': () => {
        const warning = placeholderAddressWarning(process.env);
        if (warning !== null) process.stderr.write(warning);
      },
    },
  };
}

/**
 * Astro empties its output folder before it builds. `npm run build` checks
 * the folder first (scripts/build-site.ts); this holds `astro build` run
 * directly, or with --outDir, to the same rules, before anything is emptied.
 */
function refuseUnsafeOutputFolder() {
  return {
    name: 'fieldproof-output-folder',
    hooks: {
      /** @param {{ command: string, config: import('astro').AstroConfig }} options */
      'astro:config:setup': async ({ command, config }) => {
        if (command !== 'build') return;
        const out = fileURLToPath(config.outDir);
        const refusal = await refuseOutputFolder(out, [codeRoot, projectRoot(), fileURLToPath(config.root)]);
        if (refusal !== null) throw new Error(refusalMessage(shownFolder(out, process.cwd()), refusal).trim());
      },
    },
  };
}

/**
 * Under `astro dev`, pages re-read pilots/ and data/ when they change
 * (src/site/evidence.ts), and an open page reloads itself when a file there
 * changes: a data file a pilot reads is as much the page's source as its
 * pilot file.
 */
function liveEvidenceInDev() {
  return {
    name: 'fieldproof-live-evidence',
    hooks: {
      /** @param {{ server: import('vite').ViteDevServer }} options */
      'astro:server:setup': ({ server }) => {
        markDevServer();
        const watched = ['pilots', 'data'].map((folder) => path.join(projectRoot(), folder));
        server.watcher.add(watched);
        server.watcher.on('all', (_event, file) => {
          if (!watched.some((folder) => file === folder || file.startsWith(`${folder}${path.sep}`))) return;
          // Astro keeps each page's getStaticPaths (its pilot, as props) until
          // it hears that content changed: say so, as its content layer does,
          // so the reloaded page asks for the pilot again.
          for (const environment of Object.values(server.environments ?? {})) {
            if (environment.name !== 'client') environment.hot.send('astro:content-changed', {});
          }
          server.ws.send({ type: 'full-reload' });
        });
      },
    },
  };
}

export default defineConfig({
  integrations: [refuseUnsafeOutputFolder(), pruneRenderCacheAfterBuild(), liveEvidenceInDev(), reportDrawingThreads(), warnOfPlaceholderAddress()],
  site,
  base,
  outDir: process.env.FIELDPROOF_OUT || './dist',
  // Astro's own cache (its content store) belongs to the project it builds,
  // so builds of different projects from one checkout never share it.
  ...(process.env.FIELDPROOF_ROOT ? { cacheDir: path.join(path.resolve(process.env.FIELDPROOF_ROOT), 'node_modules', '.astro') } : {}),
  trailingSlash: 'ignore',
  build: {
    format: 'directory',
    // With drawing threads (npm run build: src/site/drawing-pool.ts), eight
    // pages at once, so the page thread renders one while others wait for
    // their charts and cards (4 and 16 did no better: bench/RESULTS.md).
    concurrency: drawingThreads(process.env) > 0 ? 8 : 1,
    // One external stylesheet, never a <style> block: the site is ready for a
    // strict Content-Security-Policy (no 'unsafe-inline').
    inlineStylesheets: 'never',
  },
  compressHTML: true,
  devToolbar: { enabled: false },
  vite: {
    // The dev server serves nothing from outside the project, links included (src/site/dev-server-confinement.ts).
    plugins: [confineDevServer()],
    define: { __FIELDPROOF_CODE_ROOT__: JSON.stringify(codeRoot) },
    // resvg ships a native binary: load it from node_modules at build time, never bundle it.
    ssr: { external: ['@resvg/resvg-js'] },
  },
});
