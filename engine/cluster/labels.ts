/** Label selectors (metav1.LabelSelector) and node selector terms (v1.NodeSelectorTerm). */
export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
export type NodeSelectorOperator = SelectorOperator | 'Gt' | 'Lt';

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: readonly string[];
}

export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: readonly LabelSelectorRequirement[];
}

export interface NodeSelectorRequirement {
  key: string;
  operator: NodeSelectorOperator;
  values: readonly string[];
}

export interface NodeSelectorTerm {
  matchExpressions: readonly NodeSelectorRequirement[];
  matchFields: readonly NodeSelectorRequirement[];
}

/** An empty selector matches everything; callers that need "nil matches nothing" check for undefined. */
export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  for (const key in selector.matchLabels) {
    if (labels[key] !== selector.matchLabels[key]) return false;
  }
  for (const req of selector.matchExpressions) {
    if (!matchesRequirement(req, labels)) return false;
  }
  return true;
}

export function matchesRequirement(req: LabelSelectorRequirement | NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(value!);
    case 'NotIn':
      return !has || !req.values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || req.values.length !== 1) return false;
      const left = parseIntStrict(value!);
      const right = parseIntStrict(req.values[0]!);
      if (left === undefined || right === undefined) return false;
      return req.operator === 'Gt' ? left > right : left < right;
    }
  }
}

function parseIntStrict(s: string): number | undefined {
  return /^-?\d+$/.test(s) ? Number(s) : undefined;
}

/** A node matches a term when every expression and field requirement holds; an empty term matches nothing. */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, labels: Labels, nodeName: string): boolean {
  if (term.matchExpressions.length === 0 && term.matchFields.length === 0) return false;
  for (const req of term.matchExpressions) if (!matchesRequirement(req, labels)) return false;
  for (const req of term.matchFields) {
    if (req.key !== 'metadata.name' || !matchesRequirement(req, { 'metadata.name': nodeName })) return false;
  }
  return true;
}

/** Terms are ORed. */
export function matchesNodeSelectorTerms(terms: readonly NodeSelectorTerm[], labels: Labels, nodeName: string): boolean {
  for (const term of terms) if (matchesNodeSelectorTerm(term, labels, nodeName)) return true;
  return false;
}

export const EMPTY_SELECTOR: LabelSelector = Object.freeze({ matchLabels: Object.freeze({}), matchExpressions: Object.freeze([]) });
