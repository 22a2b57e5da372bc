/**
 * The scale-* performance references (issue 7) are too large for the golden test list: here each one only
 * loads with `kubesim validate` semantics, and its README has the usual sections and the opt-out line.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../engine/scenario/load.js';
import { GOLDEN_OPT_OUT } from './scenario-list.js';

const SCALE = readdirSync('scenarios').filter((d) => d.startsWith('scale-') && existsSync(join('scenarios', d, 'scenario.yaml'))).sort();

describe('scale scenarios (validate only, not golden)', () => {
  it('there are scale-5k, scale-10k and scale-50k', () => {
    for (const s of ['scale-5k', 'scale-10k', 'scale-50k']) assert.ok(SCALE.includes(s), `scenarios/${s} missing`);
  });
  for (const name of SCALE) {
    const dir = join('scenarios', name);
    it(`${name} README has the sections and opts out of the golden list`, () => {
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      for (const h of ['Covers', 'Scenario', 'Run it', 'Expected']) assert.match(readme, new RegExp(`^## ${h}`, 'm'), `${name}/README.md lacks ## ${h}`);
      assert.ok(readme.split('\n').some((l) => l.trim() === GOLDEN_OPT_OUT), `${name}/README.md lacks the line ${GOLDEN_OPT_OUT}`);
      assert.match(readFileSync(join(dir, 'scenario.yaml'), 'utf8'), /^# yaml-language-server: \$schema=\.\.\/scenario\.schema\.json/);
    });
    it(`${name} validates, with its faults`, () => {
      const scenario = loadScenario(join(dir, 'scenario.yaml'));
      assert.ok((scenario.faults ?? []).length > 0, `${name}: no faults`);
      const nodes = scenario.nodePools.reduce((n, p) => n + p.count, 0);
      assert.ok(nodes >= 5000, `${name}: ${nodes} nodes`);
    });
  }
});
