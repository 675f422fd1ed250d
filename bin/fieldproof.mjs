#!/usr/bin/env node
// The `fieldproof` command. npm puts the project's Node 24 (the `node`
// package) first on PATH for `npx fieldproof` and npm scripts; tsx runs the
// TypeScript sources directly, so there is no separate compile step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
