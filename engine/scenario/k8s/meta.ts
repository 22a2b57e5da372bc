/** ObjectMeta, label selectors and small shared readers for Kubernetes manifests. */
import type { LabelSelector, LabelSelectorRequirement, Labels, NodeSelectorRequirement, NodeSelectorTerm } from '../../cluster/labels.js';
import type { Reader } from '../reader.js';

/** metadata fields kubesim reads; all other ObjectMeta fields are accepted and ignored. */
const META_KNOWN = ['name', 'namespace', 'labels', 'annotations', 'generateName'];
const META_IGNORED = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'ownerReferences', 'finalizers', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

export interface Meta {
  name: string;
  namespace: string;
  labels: Labels;
  annotations: Labels;
}

export function readMeta(r: Reader, opts: { namespaced: boolean; nameRequired?: boolean }): Meta {
  const m = r.child('metadata');
  if (!m.present && (opts.nameRequired ?? true)) r.fail('missing required field "metadata"', 'add metadata: {name: ...}');
  m.object(META_KNOWN, META_IGNORED);
  const name = m.child('name').name(opts.nameRequired ?? true) ?? '';
  const namespace = opts.namespaced ? (m.child('namespace').name(false) ?? 'default') : '';
  return { name, namespace, labels: readStringMap(m.child('labels')), annotations: readStringMap(m.child('annotations')) };
}

export function readStringMap(r: Reader): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of r.entries()) {
    const s = v.str({ max: 63 * 1024 });
    if (s !== undefined) out[k] = s;
  }
  return out;
}

const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
const NODE_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;

/** A label key (qualified name: optional DNS-1123 prefix + "/" + name of at most 63 characters). */
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
export function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  if (slash >= 0 && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix)) return false;
  return name.length <= 63 && NAME_PART.test(name);
}

/** A label value: empty, or at most 63 alphanumerics with '-', '_', '.' inside. */
export function isLabelValue(v: string): boolean {
  return v === '' || (v.length <= 63 && NAME_PART.test(v));
}

function readRequirement<T extends string>(r: Reader, ops: readonly T[], labelValues = false): { key: string; operator: T; values: string[] } | undefined {
  r.object(['key', 'operator', 'values'], [], ['key', 'operator']);
  const key = r.child('key').str({ required: true });
  if (key !== undefined && !isQualifiedName(key)) r.child('key').fail(`Invalid value: "${key}": not a valid label key`, 'use a name of letters, digits, "-", "_" and "." with an optional DNS prefix and "/"');
  const operator = r.child('operator').str({ required: true, oneOf: ops }) as T | undefined;
  const values = r.child('values').items().map((v) => v.str() ?? '');
  if (labelValues) values.forEach((v, i) => {
    if (!isLabelValue(v)) r.child('values').child(i).fail(`Invalid value: "${v}": not a valid label value`, 'label values are at most 63 letters, digits, "-", "_" or "."');
  });
  if (key === undefined || operator === undefined) return undefined;
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) r.child('values').fail(`values must be empty with operator ${operator}`);
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) r.child('values').fail(`operator ${operator} needs at least one value`);
  if ((operator === 'Gt' || operator === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(values[0]!))) r.child('values').fail(`operator ${operator} needs exactly one integer value`);
  return { key, operator, values };
}

export function readLabelSelector(r: Reader): LabelSelector | undefined {
  if (!r.present) return undefined;
  r.object(['matchLabels', 'matchExpressions']);
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const e of r.child('matchExpressions').items()) {
    const req = readRequirement(e, SELECTOR_OPS, true);
    if (req) matchExpressions.push(req);
  }
  return { matchLabels: readStringMap(r.child('matchLabels')), matchExpressions };
}

export function readNodeSelectorTerm(r: Reader): NodeSelectorTerm {
  r.object(['matchExpressions', 'matchFields']);
  const read = (x: Reader): NodeSelectorRequirement[] => x.items().flatMap((e) => readRequirement(e, NODE_OPS) ?? []);
  return { matchExpressions: read(r.child('matchExpressions')), matchFields: read(r.child('matchFields')) };
}

/** Checks `kind` and `apiVersion` of a manifest; returns the kind or undefined. */
export function readTypeMeta(r: Reader, kinds: ReadonlyMap<string, readonly string[]>): string | undefined {
  const kind = r.child('kind').str({ required: true, oneOf: [...kinds.keys()] });
  if (kind === undefined) return undefined;
  const apiVersion = r.child('apiVersion').str({ required: true });
  const allowed = kinds.get(kind)!;
  if (apiVersion !== undefined && !allowed.includes(apiVersion)) r.child('apiVersion').fail(`apiVersion "${apiVersion}" is not valid for kind ${kind}`, `use ${allowed.join(' or ')}`);
  return kind;
}
