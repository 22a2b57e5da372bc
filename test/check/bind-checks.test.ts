import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FILTER_NODE_AFFINITY, FILTER_TAINT_TOLERATION, nodeFeasibility } from '../../engine/check/bind-checks.js';
import type { Node } from '../../engine/cluster/node.js';
import type { Pod } from '../../engine/cluster/pod.js';
import type { Taint, Toleration } from '../../engine/cluster/taints.js';

function node(taints: Taint[], labels: Record<string, string> = {}, deleted = false): Node {
  return { name: 'n1', labels, taints, deleted } as unknown as Node;
}
function pod(tolerations: Toleration[], nodeSelector: Record<string, string> = {}, nodeName = ''): Pod {
  return { spec: { tolerations, nodeSelector, nodeName, affinity: undefined } } as unknown as Pod;
}
const all = new Set([FILTER_TAINT_TOLERATION, FILTER_NODE_AFFINITY]);
const noSchedule: Taint = { key: 'gpu', value: 'true', effect: 'NoSchedule' };

describe('bind-time feasibility', () => {
  const cases: { name: string; pod: Pod; node: Node; enforced: ReadonlySet<string>; bad: RegExp | undefined }[] = [
    { name: 'untolerated NoSchedule taint -> violation', pod: pod([]), node: node([noSchedule]), enforced: all, bad: /taint gpu=true:NoSchedule/ },
    { name: 'tolerated taint -> ok', pod: pod([{ key: 'gpu', operator: 'Exists', value: '', effect: '' }]), node: node([noSchedule]), enforced: all, bad: undefined },
    { name: 'PreferNoSchedule taint -> ok', pod: pod([]), node: node([{ ...noSchedule, effect: 'PreferNoSchedule' }]), enforced: all, bad: undefined },
    { name: 'profile without TaintToleration -> taints not checked', pod: pod([]), node: node([noSchedule]), enforced: new Set(), bad: undefined },
    { name: 'nodeSelector mismatch -> violation', pod: pod([], { disk: 'ssd' }), node: node([], { disk: 'hdd' }), enforced: all, bad: /nodeSelector disk=ssd/ },
    { name: 'deleted node -> violation even for spec.nodeName pods', pod: pod([], {}, 'n1'), node: node([], {}, true), enforced: new Set(), bad: /deleted node/ },
    { name: 'spec.nodeName skips scheduling constraints', pod: pod([], {}, 'n1'), node: node([noSchedule]), enforced: all, bad: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = nodeFeasibility(c.pod, c.node, c.enforced);
      if (c.bad) assert.match(got ?? '', c.bad);
      else assert.equal(got, undefined);
    });
  }
});
