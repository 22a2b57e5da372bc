/**
 * Property-based tests over random small scenarios: the invariants hold after every event, runs are
 * deterministic, the seed drives the arrivals, and a scenario re-dumped to YAML runs identically.
 * numRuns are printed; PROP_RUNS scales them all (default 1).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { runText, runScenario, scenarioFromText } from '../helpers.js';
import type { CapturedRun } from '../helpers.js';
import { scenarioDoc, toYaml } from './arbitraries.js';
import { BUILTIN_POLICIES, REGISTRY } from '../../engine/scheduler/profile.js';
import type { BuiltinPolicy } from '../../engine/scheduler/builtin-policies.js';
import type { PluginFactory } from '../../engine/scheduler/framework/interfaces.js';

// A second policy for common-random-numbers checks (test only): NodeResourcesFit plus a strong
// preference for the last node, so placements differ from the default policy.
(REGISTRY as Map<string, PluginFactory>).set('PreferLastNode', () => ({ name: 'PreferLastNode', score: (_s, _p, node) => node.index }));
(BUILTIN_POLICIES as Map<string, BuiltinPolicy>).set('test-last-node', {
  description: 'test only',
  profile: { plugins: [{ name: 'NodeResourcesFit', weight: 1 }, { name: 'PreferLastNode', weight: 100 }] },
});
import type { ScenarioDoc } from './arbitraries.js';

const SCALE = Number(process.env.PROP_RUNS ?? 1);
const SEED = Number(process.env.PROP_SEED ?? 424242);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));

function fingerprint(r: CapturedRun): unknown {
  return { summary: r.summary, events: r.events, timeseries: r.timeseries };
}

function withSeed(doc: ScenarioDoc, seed: number): ScenarioDoc {
  return { ...doc, spec: { ...doc.spec, seed } };
}

/** Times of the objects created by generators (Pods or Jobs named g<i>-<n>), optionally of some generators only. */
function arrivals(r: CapturedRun, only?: readonly string[]): string[] {
  return r.events
    .filter((e) => (e[1] === 'PodCreated' || e[1] === 'JobCreated') && /^default\/g\d+-\d+$/.test(String(e[2])))
    .filter((e) => !only || only.includes(String(e[2]).replace(/^default\/(g\d+)-\d+$/, '$1')))
    .map((e) => `${e[0]} ${e[2]}`);
}

function poissonGenerators(doc: ScenarioDoc): string[] {
  return (doc.spec.generators as { name: string; arrival: { type: string } }[]).filter((g) => g.arrival.type === 'poisson').map((g) => g.name);
}

describe('properties of random scenarios', () => {
  it(`invariants hold after every event (numRuns ${runs(300)})`, () => {
    console.log(`property invariants: numRuns=${runs(300)} seed=${SEED}`);
    fc.assert(fc.property(scenarioDoc, (doc) => void runText(toYaml(doc))), { numRuns: runs(300), seed: SEED });
  });

  it(`same seed -> identical events, time series and summary (numRuns ${runs(80)})`, () => {
    console.log(`property determinism: numRuns=${runs(80)} seed=${SEED}`);
    fc.assert(fc.property(scenarioDoc, (doc) => {
      const text = toYaml(doc);
      assert.deepEqual(fingerprint(runText(text)), fingerprint(runText(text)));
    }), { numRuns: runs(80), seed: SEED });
  });

  it(`a different seed changes poisson arrivals (numRuns ${runs(80)})`, () => {
    console.log(`property seeds: numRuns=${runs(80)} seed=${SEED}`);
    const poisson = scenarioDoc.filter((d) => poissonGenerators(d).length > 0);
    fc.assert(fc.property(poisson, (doc) => {
      const a = arrivals(runText(toYaml(withSeed(doc, 1))), poissonGenerators(doc));
      const b = arrivals(runText(toYaml(withSeed(doc, 2))), poissonGenerators(doc));
      fc.pre(a.length + b.length >= 1);
      assert.notDeepEqual(a, b);
    }), { numRuns: runs(80), seed: SEED });
  });

  it(`a scenario re-dumped to YAML and reloaded runs identically (numRuns ${runs(80)})`, () => {
    console.log(`property reload: numRuns=${runs(80)} seed=${SEED}`);
    fc.assert(fc.property(scenarioDoc, (doc) => {
      const text = toYaml(doc);
      const again = toYaml(parse(text));
      assert.deepEqual(fingerprint(runText(again)), fingerprint(runText(text)));
    }), { numRuns: runs(80), seed: SEED });
  });

  it(`common random numbers: another policy sees the same arrivals and run times (numRuns ${runs(80)})`, () => {
    console.log(`property crn: numRuns=${runs(80)} seed=${SEED}`);
    fc.assert(fc.property(scenarioDoc, (doc) => {
      const text = toYaml(doc);
      const a = runText(text);
      const b = runText(text, { policy: 'test-last-node' });
      assert.deepEqual(arrivals(b), arrivals(a));
      const runTimes = (r: CapturedRun): Map<string, number> => new Map(r.store.allPods.map((p) => [`${p.namespace}/${p.name}`, p.runDurationMs]));
      const ta = runTimes(a);
      for (const [name, ms] of runTimes(b)) if (ta.has(name)) assert.equal(ms, ta.get(name), name);
    }), { numRuns: runs(80), seed: SEED });
  });

  it('quickstart re-dumped to YAML (comments and flow style lost) runs identically', () => {
    const text = readFileSync('scenarios/quickstart/scenario.yaml', 'utf8');
    const a = runScenario(scenarioFromText(text));
    const b = runScenario(scenarioFromText(toYaml(parse(text))));
    assert.deepEqual(fingerprint(b), fingerprint(a));
  });
});
