/**
 * PodTopologySpread's and InterPodAffinity's hints, mirroring podtopologyspread/plugin_test.go and
 * interpodaffinity/plugin_test.go (Test_isSchedulableAfterNodeChange, Test_isSchedulableAfterPodChange).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../../engine/cluster/pod.js';
import type { NodeState } from '../../../../engine/scheduler/framework/queueing-hint.js';
import { spreadHints } from '../../../../engine/scheduler/plugins/podtopologyspread/hints.js';
import { interPodAffinityNodeHint, interPodAffinityPodHint } from '../../../../engine/scheduler/plugins/interpodaffinity/hints.js';
import { exists, node, nodeChange, pod, podChange, spread, taint, term } from './fixtures.js';

// DefaultingType List with no defaults, as upstream's test setup.
const pts = spreadHints({ defaultingType: 'List', defaultConstraints: [] });
const foo = exists('foo');
const bar = exists('bar');
const zoneFoo = pod({ labels: { foo: '' }, spread: [spread('zone', foo)] });
const zoneNode = pod({ labels: { foo: '' }, spread: [spread('zone', foo), spread('node', foo)] });
const zoneNodeBar = pod({ labels: { foo: '' }, spread: [spread('zone', foo), spread('node', bar)] });

type NodeCase = [name: string, target: Pod, oldNode: NodeState | undefined, newNode: NodeState | undefined, want: string];
type PodCase = [name: string, target: Pod, oldPod: Pod | undefined, newPod: Pod | undefined, want: string];

describe('PodTopologySpread hint on node events (isSchedulableAfterNodeChange)', () => {
  const cases: NodeCase[] = [
    ['node updates label which matches topologyKey', zoneFoo, node({ labels: { zone: 'zone1' } }), node({ labels: { zone: 'zone2' } }), 'Queue'],
    ["node that doesn't match topologySpreadConstraints updates non-related label", zoneFoo, node({ labels: { foo: 'bar1' } }), node({ labels: { foo: 'bar2' } }), 'QueueSkip'],
    ['node that match topologySpreadConstraints adds non-related label', zoneNode, node({ labels: { zone: 'zone1', node: 'node1', foo: 'bar' } }), node({ labels: { zone: 'zone1', node: 'node1' } }), 'Queue'],
    ['create node with non-related labels', zoneFoo, undefined, node({ labels: { foo: 'bar' } }), 'QueueSkip'],
    ['create node with related labels', zoneFoo, undefined, node({ labels: { zone: 'zone1' } }), 'Queue'],
    ['delete node with non-related labels', zoneFoo, node({ labels: { foo: 'bar' } }), undefined, 'QueueSkip'],
    ['delete node with related labels', zoneFoo, node({ labels: { zone: 'zone1' } }), undefined, 'Queue'],
    ['add node with related labels that only match one of topologySpreadConstraints', zoneNode, undefined, node({ labels: { zone: 'zone1' } }), 'QueueSkip'],
    ['add node with related labels that match all topologySpreadConstraints', zoneNode, undefined, node({ labels: { zone: 'zone1', node: 'node1' } }), 'Queue'],
    ['update node with related labels that only match one of topologySpreadConstraints', zoneNode, node({ labels: { zone: 'zone1' } }), node({ labels: { zone: 'zone1' } }), 'QueueSkip'],
    ['update node with related labels that match all topologySpreadConstraints', zoneNode, node({ labels: { zone: 'zone1', node: 'node1' } }), node({ labels: { zone: 'zone1', node: 'node2' } }), 'Queue'],
    ['taint change on a node with every topology key', zoneFoo, node({ labels: { zone: 'zone1' } }), node({ labels: { zone: 'zone1' }, taints: [taint('k', 'v')] }), 'Queue'],
    ['taint change on a node without the topology keys', zoneFoo, node(), node({ taints: [taint('k', 'v')] }), 'QueueSkip'],
  ];
  for (const [name, p, oldNode, newNode, want] of cases) it(name, () => assert.equal(pts.node(p, nodeChange(oldNode, newNode)), want));
});

describe('PodTopologySpread hint on pod events (isSchedulableAfterPodChange)', () => {
  const on = (labels: Record<string, string>, namespace = 'default'): Pod => pod({ assigned: true, labels, namespace });
  const cases: PodCase[] = [
    ['add pod with labels match topologySpreadConstraints selector', zoneFoo, undefined, on({ foo: '' }), 'Queue'],
    ['add un-scheduled pod', zoneFoo, undefined, pod({ labels: { foo: '' } }), 'QueueSkip'],
    ['update un-scheduled pod', zoneFoo, pod({ uid: 7, labels: { bar: '' } }), pod({ uid: 7, labels: { foo: '' } }), 'QueueSkip'],
    ['delete un-scheduled pod', zoneFoo, pod({ labels: { foo: '' } }), undefined, 'QueueSkip'],
    ['add pod with different namespace', zoneFoo, undefined, on({ foo: '' }, 'fake-namespace'), 'QueueSkip'],
    ["add pod with labels don't match topologySpreadConstraints selector", zoneFoo, undefined, on({ bar: '' }), 'QueueSkip'],
    ['delete pod with labels that match topologySpreadConstraints selector', zoneFoo, on({ foo: '' }), undefined, 'Queue'],
    ["delete pod with labels that don't match topologySpreadConstraints selector", zoneFoo, on({ bar: '' }), undefined, 'QueueSkip'],
    ["update pod's non-related label", zoneFoo, on({ foo: '', bar: 'bar1' }), on({ foo: '', bar: 'bar2' }), 'QueueSkip'],
    ["add pod's label that matches topologySpreadConstraints selector", zoneFoo, on({}), on({ foo: '' }), 'Queue'],
    ["delete pod label that matches topologySpreadConstraints selector", zoneFoo, on({ foo: '' }), on({}), 'Queue'],
    ["change pod's label that matches topologySpreadConstraints selector", zoneFoo, on({ foo: 'foo1' }), on({ foo: 'foo2' }), 'QueueSkip'],
    ["change pod's label that doesn't match topologySpreadConstraints selector", zoneFoo, on({ foo: '', bar: 'bar1' }), on({ foo: '', bar: 'bar2' }), 'QueueSkip'],
    ["add pod's label that matches topologySpreadConstraints selector with multi topologySpreadConstraints", zoneNodeBar, on({ foo: '' }), on({ foo: '', bar: 'bar2' }), 'Queue'],
    ["change pod's label that doesn't match topologySpreadConstraints selector with multi topologySpreadConstraints", zoneNodeBar, on({ foo: '' }), on({ foo: '', baz: '' }), 'QueueSkip'],
    ["change pod's label that match topologySpreadConstraints selector with multi topologySpreadConstraints", zoneNodeBar, on({ foo: '', bar: '' }), on({ foo: '', bar: 'bar2' }), 'QueueSkip'],
    ['ScheduleAnyway constraints are not read: a matching pod added is skipped', pod({ labels: { foo: '' }, spread: [spread('zone', foo, 'ScheduleAnyway')] }), undefined, on({ foo: '' }), 'QueueSkip'],
  ];
  for (const [name, p, oldPod, newPod, want] of cases) it(name, () => assert.equal(pts.pod(p, podChange(oldPod, newPod)), want));
});

describe('InterPodAffinity hint on pod events (isSchedulableAfterPodChange)', () => {
  const aaa = { matchLabels: { aaa: 'a' }, matchExpressions: [] };
  const affinity = pod({ podRequired: [term(aaa, 'zone')] });
  const anti = pod({ antiRequired: [term(aaa, 'zone')] });
  const on = (labels: Record<string, string>): Pod => pod({ uid: 77, assigned: true, labels });
  const cases: PodCase[] = [
    ['add a pod which matches the pod affinity', affinity, undefined, on({ aaa: 'a' }), 'Queue'],
    ['add an un-scheduled pod', affinity, undefined, pod({ labels: { aaa: 'a' } }), 'QueueSkip'],
    ['update a pod from non-match to match pod affinity', affinity, on({ aaa: 'b' }), on({ aaa: 'a' }), 'Queue'],
    ["the updating pod matches target pod's affinity both before and after label changes", affinity, on({ aaa: 'a' }), on({ aaa: 'a', bbb: 'b' }), 'QueueSkip'],
    ['update an un-scheduled pod', affinity, pod({ uid: 5, labels: { aaa: 'b' } }), pod({ uid: 5, labels: { aaa: 'a' } }), 'QueueSkip'],
    ['update a pod from match to non-match the pod affinity', affinity, on({ aaa: 'a' }), on({ aaa: 'b' }), 'QueueSkip'],
    ["update a pod from match to non-match pod's anti-affinity", anti, on({ aaa: 'a' }), on({ aaa: 'b' }), 'Queue'],
    ["update a pod from non-match to match pod's anti-affinity", anti, on({ aaa: 'b' }), on({ aaa: 'a' }), 'QueueSkip'],
    ["the updating pod matches target pod's anti-affinity both before and after label changes", anti, on({ aaa: 'a' }), on({ aaa: 'a', bbb: 'b' }), 'QueueSkip'],
    ["delete a pod which doesn't match pod's anti-affinity", anti, on({ aaa: 'b' }), undefined, 'QueueSkip'],
    ["delete a pod which matches pod's anti-affinity", anti, on({ aaa: 'a' }), undefined, 'Queue'],
    ['delete an un-scheduled pod', anti, pod({ labels: { aaa: 'a' } }), undefined, 'QueueSkip'],
    ['a pod in another namespace does not match the terms', anti, pod({ assigned: true, labels: { aaa: 'a' }, namespace: 'other' }), undefined, 'QueueSkip'],
  ];
  for (const [name, p, oldPod, newPod, want] of cases) it(name, () => assert.equal(interPodAffinityPodHint(p, podChange(oldPod, newPod)), want));
});

describe('InterPodAffinity hint on node events (isSchedulableAfterNodeChange)', () => {
  const aaa = { matchLabels: { aaa: 'a' }, matchExpressions: [] };
  const affinity = pod({ podRequired: [term(aaa, 'zone')] });
  const anti = pod({ antiRequired: [term(aaa, 'region')] });
  const cases: NodeCase[] = [
    ['add a new node with matched pod affinity topologyKey', affinity, undefined, node({ labels: { zone: 'zone1' } }), 'Queue'],
    ['add a new node without matched topologyKey', affinity, undefined, node({ labels: { region: 'r1' } }), 'QueueSkip'],
    ['update node topologyKey', affinity, node({ labels: { zone: 'zone1' } }), node({ labels: { zone: 'zone2' } }), 'Queue'],
    ['update node label but not topologyKey', affinity, node({ labels: { aaa: 'a' } }), node({ labels: { aaa: 'b' } }), 'QueueSkip'],
    ['update node with a pod anti-affinity topologyKey', anti, node(), node({ labels: { region: 'r1' } }), 'Queue'],
    ['a pod without required terms never queues', pod(), undefined, node({ labels: { zone: 'zone1' } }), 'QueueSkip'],
  ];
  for (const [name, p, oldNode, newNode, want] of cases) it(name, () => assert.equal(interPodAffinityNodeHint(p, nodeChange(oldNode, newNode)), want));
});
