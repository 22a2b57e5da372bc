/**
 * Fuzzing the front door in-process: thousands of mutated and random scenario files through
 * loadScenario (and, when they load and are small, a short checked run). Every input must be
 * either accepted or rejected with SimErrors naming the file (and a line where the problem has
 * one), without a stack trace, within 2 s. FUZZ_RUNS and FUZZ_SEED explore further.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { tempDir } from '../helpers.js';
import { caseText, mutatedCase, randomDocument, stepsText } from './cases.js';
import { fuzzOne } from './harness.js';
import type { Outcome } from './harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const MAX_CASE_MS = 2000;
const MAX_HEAP_BYTES = 1024 * 1024 * 1024;

describe('fuzz: loadScenario', () => {
  const dir = tempDir('kubesim-fuzz-');
  after(() => rmSync(dir, { recursive: true, force: true }));

  function check(text: string, label: () => string, tally: Record<string, number>): void {
    const o: Outcome = fuzzOne(text, dir);
    tally[o.kind] = (tally[o.kind] ?? 0) + 1;
    tally.maxMs = Math.max(tally.maxMs ?? 0, Math.round(o.ms));
    assert.notEqual(o.kind, 'crash', `${label()}\n${o.detail}`);
    assert.ok(o.ms < MAX_CASE_MS, `${label()} took ${o.ms.toFixed(0)} ms`);
    assert.ok(process.memoryUsage().heapUsed < MAX_HEAP_BYTES, `${label()}: heap above 1 GiB`);
  }

  it(`mutated scenario files (${RUNS} inputs, seed ${SEED})`, () => {
    const tally: Record<string, number> = {};
    fc.assert(fc.property(mutatedCase, (c) => check(caseText(c), () => `base ${c.base} doc ${c.doc}: ${stepsText(c.steps)}`, tally)), { numRuns: RUNS, seed: SEED });
    console.log(`fuzz mutated: numRuns=${RUNS} seed=${SEED} outcomes=${JSON.stringify(tally)}`);
  });

  it(`random documents (${Math.round(RUNS / 3)} inputs, seed ${SEED})`, () => {
    const tally: Record<string, number> = {};
    fc.assert(fc.property(randomDocument, (text) => check(text, () => text.slice(0, 400), tally)), { numRuns: Math.round(RUNS / 3), seed: SEED });
    console.log(`fuzz random: numRuns=${Math.round(RUNS / 3)} seed=${SEED} outcomes=${JSON.stringify(tally)}`);
  });
});
