import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimErrors } from '../../engine/core/errors.js';
import { estimatePods } from '../../engine/scenario/limits.js';
import { scenarioFromText, smallScenario } from '../helpers.js';

const generator = (interval: string, duration = '10m') =>
  smallScenario('    []\n', 2, `  generators:
    - name: g
      arrival: {type: fixed, interval: ${interval}}
      template: {kind: Pod, spec: {containers: [{name: c, image: x}]}}`).replace('duration: 10m', `duration: ${duration}`);

function limitError(yaml: string, limits = {}): string {
  try {
    scenarioFromText(yaml, { limits });
  } catch (e) {
    assert.ok(e instanceof SimErrors);
    return e.message;
  }
  return '';
}

describe('resource guards before t=0', () => {
  it('estimates pods: replicas + job completions + bare pods + expected generator arrivals', () => {
    const s = scenarioFromText(generator('1m'));
    assert.equal(estimatePods(s), 11); // t=0,1m,...,10m
  });

  it('a scenario expected to create too many pods is refused, naming the limit and --max-pods', () => {
    const msg = limitError(generator('1ms', '30d'));
    assert.match(msg, /expected to create about 2592000001 pods, more than the limit of 5000000/);
    assert.match(msg, /--max-pods 2592000001/);
  });

  it('--max-pods raises the limit', () => {
    assert.equal(limitError(generator('1s', '1d'), {}), '');
    assert.match(limitError(generator('1s', '1d'), { maxPods: 1000 }), /limit of 1000/);
  });

  it('too many nodes is refused with --max-nodes in the hint, and --max-nodes raises it', () => {
    const many = smallScenario('    []\n', 3).replace('count: 3', 'count: 300000');
    assert.match(limitError(many), /spec.nodes\[0\].count: 300000 nodes is more than the limit of 200000[\s\S]*--max-nodes 300000/);
    assert.equal(limitError(many.replace('duration: 10m', 'duration: 1m'), { maxNodes: 400_000 }), '');
  });
});
