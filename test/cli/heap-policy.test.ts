/** The CLI's heap growing policy yields to the user's own V8 heap flags. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launcherFlags } from '../../bench/reference-scenario.js';
import { applyHeapPolicy } from '../../engine/cli/heap-policy.js';

describe('heap policy', () => {
  const cases: [string, string[], string | undefined, boolean][] = [
    ['applies without heap flags', [], undefined, true],
    ['applies beside unrelated flags', ['--enable-source-maps'], '--trace-warnings', true],
    ['yields to --max-old-space-size on the command line', ['--max-old-space-size=4096'], undefined, false],
    ['yields to --heap-growing-percent in NODE_OPTIONS', [], '--heap-growing-percent=30', false],
    ['yields to the underscore spelling', ['--max_old_space_size=2048'], undefined, false],
  ];
  for (const [what, execArgv, nodeOptions, applied] of cases) {
    it(what, () => assert.equal(applyHeapPolicy(execArgv, nodeOptions), applied));
  }
});

describe('launcher', () => {
  it('starts V8 with 8 MiB semi-spaces from the start (read only at start-up), through env -S so npx and ./bin/kubesim.js get it', () => {
    const first = readFileSync('bin/kubesim.js', 'utf8').split('\n')[0];
    assert.equal(first, '#!/usr/bin/env -S node --max-semi-space-size=8 --min-semi-space-size=8');
  });

  it('the end-to-end benchmark runs node with the same flags as the launcher', () => {
    assert.deepEqual(launcherFlags(), ['--max-semi-space-size=8', '--min-semi-space-size=8']);
  });
});
