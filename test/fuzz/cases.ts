/** fast-check arbitraries for fuzz inputs: mutated base scenarios and random documents. */
import fc from 'fast-check';
import { baseDocs } from './bases.js';
import { STRUCTURAL, TEXTUAL, dump, mutateDoc, mutateText } from './mutate.js';

export interface MutationStep {
  structural: boolean;
  m: number;
  where: number;
  choice: number;
}

export interface FuzzCase {
  base: number;
  doc: number;
  steps: MutationStep[];
}

const step = fc.record({ structural: fc.boolean(), m: fc.nat(), where: fc.nat(), choice: fc.nat() });
export const mutatedCase: fc.Arbitrary<FuzzCase> = fc.record({ base: fc.nat(), doc: fc.nat(), steps: fc.array(step, { minLength: 1, maxLength: 4 }) });

const BASES = baseDocs();

/** The text of a case: structural steps on one document, then textual steps on the whole file. */
export function caseText(c: FuzzCase): string {
  const base = BASES[c.base % BASES.length]!;
  const docs = [...base.docs];
  const i = c.doc % docs.length;
  for (const s of c.steps) if (s.structural) docs[i] = mutateDoc(docs[i], STRUCTURAL[s.m % STRUCTURAL.length]!, s.where, s.choice);
  let text = docs.map(dump).join('---\n');
  for (const s of c.steps) if (!s.structural) text = mutateText(text, TEXTUAL[s.m % TEXTUAL.length]!, s.where, s.choice);
  return text;
}

/** A Scenario wrapper (or a manifest) with random JSON values in it. */
export const randomDocument: fc.Arbitrary<string> = fc
  .record({
    wrapper: fc.boolean(),
    kind: fc.constantFrom('Scenario', 'Pod', 'Deployment', 'Job', 'Node', 'List', 'PriorityClass', 'ReplicaSet'),
    body: fc.dictionary(fc.constantFrom('spec', 'metadata', 'status', 'items', 'value', 'nodes', 'manifests', 'template', 'replicas'), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 4 }),
  })
  .map(({ wrapper, kind, body }) => dump({ apiVersion: wrapper ? 'kubesim.io/v1alpha1' : 'v1', kind: wrapper ? 'Scenario' : kind, metadata: { name: 'fuzz' }, ...body }));

export function stepsText(steps: readonly MutationStep[]): string {
  return steps.map((s) => `${s.structural ? STRUCTURAL[s.m % STRUCTURAL.length] : TEXTUAL[s.m % TEXTUAL.length]}@${s.where}/${s.choice}`).join(' ');
}
