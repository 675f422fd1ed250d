#!/usr/bin/env node
// The `fieldproof` command. npm puts the project's Node 24 (the `node`
// package) first on PATH for `npx fieldproof` and npm scripts, and
// ./fieldproof starts it directly; Node 24 strips the TypeScript types of
// src/ itself as it loads them, so there is no compile step and no
// transpiler to load (tsconfig's erasableSyntaxOnly keeps src/ to the syntax
// that stripping can run).
import module from 'node:module';

if (!process.features.typescript) {
  // An older Node on PATH (node bin/fieldproof.mjs outside npm): say what to run instead.
  process.stderr.write(`fieldproof: this Node (${process.version}) cannot run TypeScript; run "npx fieldproof" or "./fieldproof", which use the project's own Node 24\n`);
  process.exit(2);
}
// Node keeps what it compiled (type-stripped sources included) on disk, so a
// second run skips stripping and compiling the ~500 modules a check loads.
// NODE_COMPILE_CACHE chooses the folder, NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
