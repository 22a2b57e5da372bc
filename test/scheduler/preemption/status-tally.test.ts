/** The dry run's no-candidate message from a tally of statuses is the one a map of every node gives. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitErrorMessage } from '../../../engine/scheduler/preemption/evaluator.js';
import { StatusTally } from '../../../engine/scheduler/framework/status-tally.js';
import { Status } from '../../../engine/scheduler/framework/status.js';
import type { Node } from '../../../engine/cluster/node.js';

const NO_VICTIMS = Status.unresolvable('No preemption victims found for incoming pod');
const TWO_REASONS = Status.unschedulable('Insufficient cpu', 'Insufficient memory');

describe('status tally', () => {
  const cases: [string, [string, Status][], number][] = [
    ['one shared status on every node visited', [['a', NO_VICTIMS], ['b', NO_VICTIMS]], 2],
    ['nodes outside the dry run count as not helpful', [['a', NO_VICTIMS]], 4],
    ['each reason of a status counts once per node', [['a', TWO_REASONS], ['b', Status.unschedulable('Insufficient cpu', 'Insufficient memory')], ['c', NO_VICTIMS]], 12],
    ['no status at all', [], 3],
  ];
  for (const [what, given, total] of cases) {
    it(what, () => {
      const nodes = Array.from({ length: total }, (_, i) => ({ name: `n${i}` }) as Node);
      const map = new Map<string, Status>();
      const tally = new StatusTally();
      for (const [name, s] of given) {
        map.set(name, s);
        tally.set(name, s);
      }
      assert.equal(tally.size, given.length);
      assert.equal(fitErrorMessage(nodes, tally), fitErrorMessage(nodes, map));
    });
  }

  it('gives the upstream text', () => {
    const tally = new StatusTally();
    tally.set('a', TWO_REASONS);
    const nodes = ['a', 'b', 'c'].map((name) => ({ name }) as Node);
    assert.equal(fitErrorMessage(nodes, tally), '0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 2 Preemption is not helpful for scheduling.');
  });
});
