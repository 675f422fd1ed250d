#!/usr/bin/env node
// The `fieldproof` command. npm puts the project's Node 24 (the `node`
// package) first on PATH for `npx fieldproof` and npm scripts, and
// ./fieldproof starts it directly. It runs the command line compiled at
// install (scripts/bundle-cli.ts) while that is up to date with src/, and
// src/ itself otherwise: Node 24 strips the TypeScript types as it loads
// them, so no transpiler is needed (tsconfig's erasableSyntaxOnly keeps src/
// to the syntax that stripping can run).
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { freshBundle } from './fresh-bundle.mjs';

if (!process.features.typescript) {
  // An older Node on PATH (node bin/fieldproof.mjs outside npm): say what to run instead.
  process.stderr.write(`fieldproof: this Node (${process.version}) cannot run TypeScript; run "npx fieldproof" or "./fieldproof", which use the project's own Node 24\n`);
  process.exit(2);
}
// Node keeps what it compiled (type-stripped sources included) on disk, so a
// second run skips stripping and compiling the ~500 modules a check loads.
// NODE_COMPILE_CACHE chooses the folder, NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
const { main } = await import(freshBundle(fileURLToPath(new URL('..', import.meta.url))) ?? '../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
