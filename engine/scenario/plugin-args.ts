/**
 * pluginConfig args of a KubeSchedulerConfiguration, validated per plugin as upstream's
 * pkg/scheduler/apis/config/validation/validation_pluginargs.go does, and defaulted as
 * apis/config/v1/defaults.go does. Produces the plain args objects the plugin factories take.
 */
import type { NodeAffinityArgs } from '../scheduler/plugins/nodeaffinity/node-affinity.js';
import type { NodeResourcesBalancedAllocationArgs } from '../scheduler/plugins/noderesources/balanced-allocation.js';
import type { NodeResourcesFitArgs, ScoringStrategyType } from '../scheduler/plugins/noderesources/fit.js';
import { DEFAULT_NODE_RESOURCES_FIT_ARGS, SCORING_STRATEGIES } from '../scheduler/plugins/noderesources/fit.js';
import type { ResourceSpec } from '../scheduler/plugins/noderesources/resource-allocation.js';
import { DEFAULT_RESOURCES } from '../scheduler/plugins/noderesources/resource-allocation.js';
import type { UtilizationShapePoint } from '../scheduler/plugins/noderesources/strategies.js';
import { MAX_CUSTOM_PRIORITY_SCORE } from '../scheduler/plugins/noderesources/strategies.js';
import type { DefaultConstraint, PodTopologySpreadArgs } from '../scheduler/plugins/podtopologyspread/common.js';
import type { InterPodAffinityArgs } from '../scheduler/plugins/interpodaffinity/inter-pod-affinity.js';
import { DEFAULT_INTER_POD_AFFINITY_ARGS } from '../scheduler/plugins/interpodaffinity/inter-pod-affinity.js';
import { readNodeSelectorTerm } from './k8s/meta.js';
import type { Reader } from './reader.js';

const TYPE_META = ['apiVersion', 'kind'];

function readResources(r: Reader): ResourceSpec[] | undefined {
  if (!r.present) return undefined;
  const seen = new Set<string>();
  return r.items().map((item) => {
    item.object(['name', 'weight'], [], ['name']);
    const name = item.child('name').str({ required: true }) ?? '';
    if (seen.has(name)) item.child('name').fail(`resource "${name}" is listed twice`);
    seen.add(name);
    const w = item.child('weight');
    const weight = w.int();
    if (weight !== undefined && (weight < 0 || weight > 100)) w.fail(`Invalid value: ${weight}: resource weight of ${name} should be in range [1, 100]`, 'use a weight from 1 to 100 (0 means the default 1)');
    return { name, weight: weight || 1 };
  });
}

function readShape(r: Reader): UtilizationShapePoint[] {
  const points = r.items().map((p) => {
    p.object(['utilization', 'score'], [], ['utilization', 'score']);
    return { utilization: p.child('utilization').int({ required: true, min: 0, max: 100 }) ?? 0, score: p.child('score').int({ required: true, min: 0, max: MAX_CUSTOM_PRIORITY_SCORE }) ?? 0 };
  });
  if (points.length === 0) r.fail('at least one point is required', 'add shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]');
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.utilization <= points[i - 1]!.utilization) r.child(i).child('utilization').fail('utilization values must be sorted in increasing order');
  }
  return points;
}

function fitArgs(r: Reader): NodeResourcesFitArgs {
  r.object([...TYPE_META, 'ignoredResources', 'ignoredResourceGroups', 'scoringStrategy']);
  const groups = r.child('ignoredResourceGroups').items().map((g) => {
    const s = g.str() ?? '';
    if (s.includes('/')) g.fail(`"${s}" is a resource name, not a group`, 'list the prefix before "/" (e.g. example.com)');
    return s;
  });
  const ss = r.child('scoringStrategy');
  ss.object(['type', 'resources', 'requestedToCapacityRatio']);
  const type = (ss.child('type').str({ oneOf: SCORING_STRATEGIES }) ?? 'LeastAllocated') as ScoringStrategyType;
  const out: NodeResourcesFitArgs = {
    ignoredResources: r.child('ignoredResources').items().map((x) => x.str() ?? ''),
    ignoredResourceGroups: groups,
    scoringStrategy: { type, resources: readResources(ss.child('resources')) ?? DEFAULT_NODE_RESOURCES_FIT_ARGS.scoringStrategy.resources },
  };
  const rtcr = ss.child('requestedToCapacityRatio');
  if (type === 'RequestedToCapacityRatio') {
    rtcr.object(['shape'], [], []);
    if (!rtcr.present) ss.fail('scoringStrategy RequestedToCapacityRatio needs requestedToCapacityRatio.shape', 'add requestedToCapacityRatio: {shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]}');
    else out.scoringStrategy.requestedToCapacityRatio = { shape: readShape(rtcr.child('shape')) };
  } else if (rtcr.present) rtcr.fail(`requestedToCapacityRatio is only used with type RequestedToCapacityRatio, not ${type}`);
  return out;
}

function balancedArgs(r: Reader): NodeResourcesBalancedAllocationArgs {
  r.object([...TYPE_META, 'resources']);
  return { resources: readResources(r.child('resources')) ?? DEFAULT_RESOURCES };
}

function nodeAffinityArgs(r: Reader): NodeAffinityArgs {
  r.object([...TYPE_META, 'addedAffinity']);
  const a = r.child('addedAffinity');
  if (!a.present) return {};
  const keys = ['requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'];
  a.object(keys);
  const req = a.child(keys[0]!);
  req.object(['nodeSelectorTerms'], [], ['nodeSelectorTerms']);
  return {
    addedAffinity: {
      required: req.present ? req.child('nodeSelectorTerms').items().map(readNodeSelectorTerm) : undefined,
      preferred: a.child(keys[1]!).items().map((w) => {
        w.object(['weight', 'preference'], [], ['weight', 'preference']);
        return { weight: w.child('weight').int({ required: true, min: 1, max: 100 }) ?? 1, preference: readNodeSelectorTerm(w.child('preference')) };
      }),
    },
  };
}

function spreadArgs(r: Reader): PodTopologySpreadArgs {
  r.object([...TYPE_META, 'defaultingType', 'defaultConstraints']);
  const defaultingType = (r.child('defaultingType').str({ oneOf: ['System', 'List'] }) ?? 'System') as 'System' | 'List';
  const defaultConstraints = r.child('defaultConstraints').items().map((c): DefaultConstraint => {
    c.object(['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'labelSelector'], [], ['maxSkew', 'topologyKey', 'whenUnsatisfiable']);
    if (c.child('labelSelector').present) c.child('labelSelector').fail('default constraints must not have a labelSelector', 'the selector comes from the pod\'s controller');
    return {
      maxSkew: c.child('maxSkew').int({ required: true, min: 1 }) ?? 1,
      topologyKey: c.child('topologyKey').str({ required: true }) ?? '',
      whenUnsatisfiable: (c.child('whenUnsatisfiable').str({ required: true, oneOf: ['DoNotSchedule', 'ScheduleAnyway'] }) ?? 'ScheduleAnyway') as DefaultConstraint['whenUnsatisfiable'],
    };
  });
  if (defaultingType === 'System' && defaultConstraints.length > 0) r.child('defaultConstraints').fail('defaultConstraints must be empty when defaultingType is System', 'set defaultingType: List');
  return { defaultingType, defaultConstraints };
}

function interPodArgs(r: Reader): InterPodAffinityArgs {
  r.object([...TYPE_META, 'hardPodAffinityWeight', 'ignorePreferredTermsOfExistingPods']);
  return {
    hardPodAffinityWeight: r.child('hardPodAffinityWeight').int({ min: 0, max: 100 }) ?? DEFAULT_INTER_POD_AFFINITY_ARGS.hardPodAffinityWeight,
    ignorePreferredTermsOfExistingPods: r.child('ignorePreferredTermsOfExistingPods').bool() ?? false,
  };
}

function preemptionArgs(r: Reader): unknown {
  r.object([...TYPE_META, 'minCandidateNodesPercentage', 'minCandidateNodesAbsolute']);
  return { minCandidateNodesPercentage: r.child('minCandidateNodesPercentage').int({ min: 0, max: 100 }) ?? 10, minCandidateNodesAbsolute: r.child('minCandidateNodesAbsolute').int({ min: 0 }) ?? 100 };
}

/** Arg readers of the plugins that take args; other built-ins take none, custom plugins get the raw value. */
export const PLUGIN_ARG_READERS: ReadonlyMap<string, (r: Reader) => unknown> = new Map<string, (r: Reader) => unknown>([
  ['NodeResourcesFit', fitArgs],
  ['NodeResourcesBalancedAllocation', balancedArgs],
  ['NodeAffinity', nodeAffinityArgs],
  ['PodTopologySpread', spreadArgs],
  ['InterPodAffinity', interPodArgs],
  ['DefaultPreemption', preemptionArgs],
  ['VolumeBinding', () => undefined],
]);
