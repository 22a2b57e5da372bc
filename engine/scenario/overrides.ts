/**
 * `--set path=value` overrides on a scenario document before it is read (e.g.
 * `--set spec.source.nodes=/data/openb_node_list_gpu_node.csv`). The path is dotted from the document
 * root; the value is a YAML scalar (number, true/false, or text). Missing mappings on the way are created.
 */
import { parse } from 'yaml';
import { SimError } from '../core/errors.js';

export function parseSet(text: string): { path: string[]; value: unknown } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new SimError('E_SCHEMA', `--set "${text}" is not path=value`, { hint: 'e.g. --set spec.source.pods=traces/openb_pod_list_default.csv' });
  const path = text.slice(0, eq).split('.');
  if (path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) throw new SimError('E_SCHEMA', `--set "${text}": bad field path`, { hint: 'write dotted field names, e.g. spec.seed=7' });
  let value: unknown = text.slice(eq + 1);
  try {
    const v: unknown = parse(value as string);
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') value = v ?? '';
  } catch {
    /* keep the text */
  }
  return { path, value };
}

/** Applies the overrides to a plain document value in place. */
export function applySets(doc: unknown, sets: readonly string[]): void {
  for (const text of sets) {
    const { path, value } = parseSet(text);
    if (typeof doc !== 'object' || doc === null) return;
    let at = doc as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = at[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
    at[path[path.length - 1]!] = value;
  }
}
