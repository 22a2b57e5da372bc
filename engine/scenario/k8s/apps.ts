/** Reads StatefulSet and DaemonSet (apps/v1) and PodDisruptionBudget (policy/v1) manifests. */
import type { LabelSelector } from '../../cluster/labels.js';
import { matchesSelector } from '../../cluster/labels.js';
import { emptyPdbStatus } from '../../cluster/pdb.js';
import type { IntOrPercent, ObjectMeta, PodTemplate } from '../../cluster/workloads.js';
import type { Reader } from '../reader.js';
import type { Collected } from './manifests.js';
import { readTemplate } from './manifests.js';
import { readLabelSelector, readMeta } from './meta.js';

function objectMeta(r: Reader, out: Collected, kind: string): ObjectMeta {
  const meta = { ...readMeta(r, { namespaced: true }), uid: out.nextUid() };
  out.names.push({ key: `${kind} ${meta.namespace}/${meta.name}`, reader: r.child('metadata').child('name') });
  return meta;
}

/** spec.selector (required, non-empty) and spec.template, checked against each other as the API server does. */
function selectorAndTemplate(spec: Reader, out: Collected): { selector: LabelSelector; template: PodTemplate } {
  const selector = readLabelSelector(spec.child('selector'));
  const template = readTemplate(spec.child('template'), { resources: out.resources, restartPolicies: ['Always'], specs: out.specs });
  if (selector && Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) spec.child('selector').fail('empty selector', 'select the pods by their template labels');
  else if (selector && !matchesSelector(selector, template.labels)) {
    spec.child('selector').fail(`selector does not match the pod template labels ${JSON.stringify(template.labels)}`, 'make spec.selector.matchLabels a subset of spec.template.metadata.labels');
  }
  return { selector: selector ?? { matchLabels: {}, matchExpressions: [] }, template };
}

export function readStatefulSet(r: Reader, out: Collected): void {
  const meta = objectMeta(r, out, 'StatefulSet');
  const spec = r.child('spec');
  spec.object(
    ['replicas', 'selector', 'template', 'podManagementPolicy'],
    ['serviceName', 'updateStrategy', 'volumeClaimTemplates', 'minReadySeconds', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy'],
    ['selector', 'template'],
  );
  const { selector, template } = selectorAndTemplate(spec, out);
  out.statefulSets.push({
    kind: 'StatefulSet',
    meta,
    replicas: spec.child('replicas').int({ min: 0, max: 1_000_000 }) ?? 1,
    selector,
    template,
    podManagementPolicy: (spec.child('podManagementPolicy').str({ oneOf: ['OrderedReady', 'Parallel'] }) ?? 'OrderedReady') as 'OrderedReady' | 'Parallel',
  });
}

export function readDaemonSet(r: Reader, out: Collected): void {
  const meta = objectMeta(r, out, 'DaemonSet');
  const spec = r.child('spec');
  spec.object(['selector', 'template'], ['updateStrategy', 'minReadySeconds', 'revisionHistoryLimit'], ['selector', 'template']);
  const { selector, template } = selectorAndTemplate(spec, out);
  const hostNetwork = spec.child('template').child('spec').child('hostNetwork').value === true;
  out.daemonSets.push({ kind: 'DaemonSet', meta, selector, template, hostNetwork });
}

const PERCENT = /^(\d+)%$/;

function readIntOrPercent(r: Reader): IntOrPercent | undefined {
  if (!r.present) return undefined;
  if (typeof r.value === 'string') {
    const m = PERCENT.exec(r.value);
    if (!m || Number(m[1]) > 100) return r.fail(`"${r.value}" is not a percentage between 0% and 100%`, 'write an integer such as 2 or a percentage such as "50%"');
    return r.value;
  }
  return r.int({ min: 0, max: 1_000_000 });
}

export function readPodDisruptionBudget(r: Reader, out: Collected): void {
  const meta = objectMeta(r, out, 'PodDisruptionBudget');
  const spec = r.child('spec');
  spec.object(['selector', 'minAvailable', 'maxUnavailable', 'unhealthyPodEvictionPolicy']);
  const minAvailable = readIntOrPercent(spec.child('minAvailable'));
  const maxUnavailable = readIntOrPercent(spec.child('maxUnavailable'));
  if (spec.child('minAvailable').present && spec.child('maxUnavailable').present) spec.child('maxUnavailable').fail('minAvailable and maxUnavailable cannot be both set', 'keep one of them');
  // A nil selector selects nothing in policy/v1; an empty one selects every pod of the namespace.
  const selector = readLabelSelector(spec.child('selector'));
  out.pdbs.push({
    kind: 'PodDisruptionBudget',
    meta,
    selector,
    minAvailable,
    maxUnavailable,
    unhealthyPodEvictionPolicy: (spec.child('unhealthyPodEvictionPolicy').str({ oneOf: ['IfHealthyBudget', 'AlwaysAllow'] }) ?? 'IfHealthyBudget') as 'IfHealthyBudget' | 'AlwaysAllow',
    status: emptyPdbStatus(),
  });
}
