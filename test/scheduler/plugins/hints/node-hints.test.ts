/**
 * Node-event hints of NodeAffinity, TaintToleration, NodeUnschedulable and NodeName, and NodePorts'
 * pod-deletion hint, mirroring upstream's tests: node_affinity_test.go Test_isSchedulableAfterNodeChange,
 * taint_toleration_test.go Test_isSchedulableAfterNodeChange, node_unschedulable_test.go
 * TestIsSchedulableAfterNodeChange, node_name_test.go Test_isSchedulableAfterNodeAdd and
 * node_ports_test.go Test_isSchedulableAfterPodDeleted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../../engine/cluster/pod.js';
import type { NodeState, QueueingHintFn } from '../../../../engine/scheduler/framework/queueing-hint.js';
import { nodeAffinityHint } from '../../../../engine/scheduler/plugins/nodeaffinity/hints.js';
import { taintTolerationNodeHint } from '../../../../engine/scheduler/plugins/tainttoleration/hints.js';
import { nodeUnschedulableHint } from '../../../../engine/scheduler/plugins/nodeunschedulable/hints.js';
import { nodeNameHint } from '../../../../engine/scheduler/plugins/nodename/hints.js';
import { nodePortsPodDeletedHint } from '../../../../engine/scheduler/plugins/nodeports/hints.js';
import { node, nodeChange, pod, podChange, taint, toleration } from './fixtures.js';

type NodeCase = [name: string, target: Pod, oldNode: NodeState | undefined, newNode: NodeState, want: string];

function table(title: string, hint: QueueingHintFn, update: 'NodeLabelChange' | 'NodeTaintChange', cases: NodeCase[]): void {
  describe(title, () => {
    for (const [name, p, oldNode, newNode, want] of cases) it(name, () => assert.equal(hint(p, nodeChange(oldNode, newNode, update)), want));
  });
}

const fooBar = pod({ nodeRequired: [{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }], matchFields: [] }] });
table('NodeAffinity hint (isSchedulableAfterNodeChange)', nodeAffinityHint(undefined), 'NodeLabelChange', [
  ['skip-queue-on-add: the new node does not match', fooBar, undefined, node(), 'QueueSkip'],
  ['queue-on-add: the new node matches', fooBar, undefined, node({ labels: { foo: 'bar' } }), 'Queue'],
  ['skip-unrelated-changes: neither matches', fooBar, node(), node({ labels: { x: 'y' } }), 'QueueSkip'],
  ['skip-unrelated-changes-on-labels: both match', fooBar, node({ labels: { foo: 'bar' } }), node({ labels: { foo: 'bar', x: 'y' } }), 'QueueSkip'],
  ['skip-labels-changes-on-node-from-suitable-to-unsuitable', fooBar, node({ labels: { foo: 'bar' } }), node(), 'QueueSkip'],
  ['queue-on-labels-change-makes-pod-schedulable', fooBar, node(), node({ labels: { foo: 'bar' } }), 'Queue'],
  ['nodeSelector counts too: queue when the label appears', pod({ nodeSelector: { foo: 'bar' } }), node(), node({ labels: { foo: 'bar' } }), 'Queue'],
]);
const enforced = nodeAffinityHint([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['foo'] }], matchFields: [] }]);
table('NodeAffinity hint with scheduler-enforced addedAffinity', enforced, 'NodeLabelChange', [
  ['skip-queue-on-add-scheduler-enforced-node-affinity', fooBar, undefined, node({ labels: { foo: 'bar' } }), 'QueueSkip'],
  ['queue-on-add-scheduler-enforced-node-affinity', fooBar, undefined, node({ labels: { foo: 'bar', zone: 'foo' } }), 'Queue'],
]);

const tolerates = pod({ tolerations: [toleration('foo', 'bar')] });
table('TaintToleration hint (isSchedulableAfterNodeChange)', taintTolerationNodeHint, 'NodeTaintChange', [
  ['skip-queue-on-untoleratedtaint-node-added', tolerates, undefined, node({ taints: [taint('other', 'x')] }), 'QueueSkip'],
  ['queue-on-toleratedtaint-node-added', tolerates, undefined, node({ taints: [taint('foo', 'bar')] }), 'Queue'],
  ['queue-on-node-taint-removed', tolerates, node({ taints: [taint('other', 'x')] }), node(), 'Queue'],
  ['skip-queue-on-node-taint-added', tolerates, node(), node({ taints: [taint('other', 'x')] }), 'QueueSkip'],
  ['queue-on-node-changed-from-untolerated-to-tolerated-taint', tolerates, node({ taints: [taint('other', 'x')] }), node({ taints: [taint('foo', 'bar')] }), 'Queue'],
  ['skip-queue-on-node-changed-between-tolerated-taints', tolerates, node({ taints: [taint('foo', 'bar')] }), node(), 'QueueSkip'],
  ['PreferNoSchedule taints do not count', tolerates, node({ taints: [taint('other', 'x', 'PreferNoSchedule')] }), node(), 'QueueSkip'],
]);

table('NodeUnschedulable hint (isSchedulableAfterNodeChange)', nodeUnschedulableHint, 'NodeTaintChange', [
  ['skip-queue-on-unschedulable-node-added', pod(), undefined, node({ unschedulable: true }), 'QueueSkip'],
  ['queue-on-schedulable-node-added', pod(), undefined, node(), 'Queue'],
  ['skip-unrelated-change', pod(), node(), node({ labels: { foo: 'bar' } }), 'QueueSkip'],
  ['queue-on-unschedulable-field-change: uncordoned', pod(), node({ unschedulable: true }), node(), 'Queue'],
  ['skip-queue-on-unschedulable-field-change: cordoned', pod(), node(), node({ unschedulable: true }), 'QueueSkip'],
]);

table('NodeName hint (isSchedulableAfterNodeAdd)', nodeNameHint, 'NodeLabelChange', [
  ['skip-queue-on-unmatched-node', pod({ nodeName: 'foo' }), undefined, node({ name: 'bar' }), 'QueueSkip'],
  ['queue-on-matched-node', pod({ nodeName: 'foo' }), undefined, node({ name: 'foo' }), 'Queue'],
  ['queue-on-pod-with-no-node-name', pod(), undefined, node({ name: 'bar' }), 'Queue'],
]);

describe('NodePorts hint (isSchedulableAfterPodDeleted)', () => {
  const port = (hostPort: number): { containerPort: number; hostPort: number; protocol: string; hostIP: string } => ({ containerPort: 80, hostPort, protocol: 'TCP', hostIP: '' });
  const target = pod({ ports: [port(8080)] });
  const cases: [string, Pod, string][] = [
    ['skip-queue-on-unscheduled', pod({ ports: [port(8080)] }), 'QueueSkip'],
    ['skip-queue-on-non-hostport', pod({ assigned: true, ports: [port(0)] }), 'QueueSkip'],
    ['skip-queue-on-unrelated-hostport', pod({ assigned: true, ports: [port(8081)] }), 'QueueSkip'],
    ['queue-on-released-hostport', pod({ assigned: true, ports: [port(8080)] }), 'Queue'],
  ];
  for (const [name, deleted, want] of cases) it(name, () => assert.equal(nodePortsPodDeletedHint(target, podChange(deleted, undefined)), want));
});
