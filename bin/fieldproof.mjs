#!/usr/bin/env node
// The `fieldproof` command. npm puts the project's Node 24 (the `node`
// package) first on PATH for `npx fieldproof` and npm scripts; Node 24 strips
// the TypeScript types of src/ itself as it loads them, so there is no
// compile step and no transpiler to load (tsconfig's erasableSyntaxOnly keeps
// src/ to the syntax that stripping can run).
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
