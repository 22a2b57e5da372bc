/** A failing cycle's summary (rejecting plugins, FitError text) is the same for an overlay chain as for the map it stands for. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FailureSummaries } from '../../engine/scheduler/failure-summary.js';
import { withChanges } from '../../engine/scheduler/framework/status-overlay.js';
import { Status } from '../../engine/scheduler/framework/status.js';

const CPU = Status.unschedulable('Insufficient cpu').withPlugin('NodeResourcesFit');
const MEM = Status.unschedulable('Insufficient memory').withPlugin('NodeResourcesFit');
const TAINT = Status.unresolvable("node(s) had untolerated taint {x: y}").withPlugin('TaintToleration');

describe('failure summaries of near misses', () => {
  it('an overlay chain summarizes as the plain map it stands for, step by step', () => {
    const summaries = new FailureSummaries();
    const plain = new Map(Array.from({ length: 200 }, (_, i) => [`n${i}`, CPU]));
    let o: ReadonlyMap<string, Status> = new Map(plain);
    const steps: [string[], Status[]][] = [
      [['n1', 'n2'], [MEM, TAINT]],
      [['n2'], [CPU]],
      [['n3', 'n1'], [TAINT, CPU]],
      [['n4'], [MEM]],
    ];
    for (const [names, values] of steps) {
      o = withChanges(o, names, values);
      names.forEach((n, i) => plain.set(n, values[i]!));
      const got = summaries.of(o, 200, '');
      const want = new FailureSummaries().of(new Map(plain), 200, '');
      assert.equal(got.text, want.text);
      assert.deepEqual([...got.plugins].sort(), [...want.plugins].sort());
    }
  });
});
