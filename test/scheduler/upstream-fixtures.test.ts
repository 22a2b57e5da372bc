/**
 * Upstream kube-scheduler plugin test tables (test/fixtures/upstream/*.json), each case run as a
 * scenario through `explain`: the plugin's filter verdicts and normalized scores must equal upstream's.
 * Cases kubesim cannot express are skipped with the reason (see docs/scheduler.md, "Upstream tables").
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureFile } from './upstream-harness.js';
import { checkCase } from './upstream-harness.js';

const DIR = 'test/fixtures/upstream';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

for (const file of files) {
  const fixture = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as FixtureFile;
  describe(`upstream ${fixture.plugin} table (${file})`, () => {
    fixture.cases.forEach((c, i) => {
      it(`[${i}] ${c.name}`, (t) => {
        const v = checkCase(fixture.plugin, c);
        if (v.result === 'unsupported') return t.skip(v.detail);
        assert.equal(v.result, 'pass', v.result === 'fail' ? v.detail : '');
      });
    });
  });
}
