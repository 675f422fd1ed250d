/**
 * .npmrc's node-options reach every command run through npm (npm run build,
 * npx fieldproof, npm test). A typo there would break all of them, so the
 * value is started once with this Node.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { repository } from '../site/build-project.ts';

const nodeOptions = /^node-options=(.*)$/m.exec(readFileSync(path.join(repository, '.npmrc'), 'utf8'))?.[1];

test('.npmrc caps the young generation for every npm command', () => {
  expect(nodeOptions).toBe('--max-semi-space-size=8');
});

test('Node accepts those options in NODE_OPTIONS', () => {
  const output = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.env.NODE_OPTIONS))'], {
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
    encoding: 'utf8',
  });
  expect(output).toBe('--max-semi-space-size=8');
});

test('./fieldproof, which starts Node without npm, passes the same options', () => {
  const script = readFileSync(path.join(repository, 'fieldproof'), 'utf8');
  expect(script).toMatch(new RegExp(`node" ${nodeOptions} "`));
});
