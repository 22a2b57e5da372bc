/**
 * `--set path=value` overrides of a scenario, applied to the parsed YAML document before it is read, so
 * that a bad value is reported like one written in the file (with the position of the field it replaced).
 * A flag with several comma-separated values (`spec.nodes[0].count=1000,2000`) is a sweep: one
 * scenario variant per value.
 */
import { parse as parseYaml } from 'yaml';
import { SimError } from '../core/errors.js';
import type { PathPart, SourceDoc } from './source.js';
import { formatPath } from './source.js';

export interface Override {
  /** The path as the user wrote it, e.g. `spec.nodes[0].count`. */
  path: string;
  parts: PathPart[];
  /** The value text as written (used in variant names). */
  text: string;
  /** The value parsed as a YAML scalar or flow collection. */
  value: unknown;
}

export interface SetFlag {
  path: string;
  parts: PathPart[];
  /** One override per comma-separated value, in the order given. */
  values: Override[];
}

function usage(message: string, hint: string): SimError {
  return new SimError('E_USAGE', message, { hint });
}

/** `spec.nodes[0].count` -> ['spec', 'nodes', 0, 'count']. */
export function parsePath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  const re = /([A-Za-z0-9_\-/.]+?)(?=\.|\[|$)|\[(\d+)\]/y;
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.' && i > 0) i++;
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m || m[0].length === 0) throw usage(`--set: cannot read the field path "${path}" at "${path.slice(i)}"`, 'write a path like spec.nodes[0].count');
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
    i = re.lastIndex;
  }
  if (parts.length === 0) throw usage('--set: empty field path', 'write a path like spec.nodes[0].count=2000');
  return parts;
}

/** Splits on commas outside [] and {} and quotes. */
function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** Parses one `--set path=v1,v2,...` flag. */
export function parseSetFlag(flag: string): SetFlag {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw usage(`--set "${flag}" has no "="`, 'write --set spec.nodes[0].count=1000,2000');
  const path = flag.slice(0, eq).trim();
  const parts = parsePath(path);
  const texts = splitValues(flag.slice(eq + 1));
  const values = texts.map((text): Override => {
    if (text === '') throw usage(`--set ${path}: an empty value`, 'remove the extra comma or quote an empty string as ""');
    let value: unknown;
    try {
      value = parseYaml(text);
    } catch {
      throw usage(`--set ${path}: cannot read the value "${text}"`, 'write a YAML scalar such as 2000, 30s or "8"');
    }
    return { path, parts, text, value };
  });
  return { path: formatPath(parts), parts, values };
}

/** Every combination of one value per flag, first flag varying slowest. */
export function sweep(flags: readonly SetFlag[]): Override[][] {
  let combos: Override[][] = [[]];
  for (const f of flags) combos = combos.flatMap((c) => f.values.map((v) => [...c, v]));
  return combos;
}

/** `name[spec.nodes[0].count=2000][spec.seed=3]`. */
export function variantName(name: string, overrides: readonly Override[]): string {
  return name + overrides.map((o) => `[${o.path}=${o.text}]`).join('');
}

/**
 * Sets each override in the document's value. The parent of the field must exist (a missing leaf
 * key is added); problems are returned with the document position of the nearest existing field.
 */
export function applyOverrides(doc: SourceDoc, overrides: readonly Override[]): SimError[] {
  const problems: SimError[] = [];
  for (const o of overrides) {
    let parent: unknown = doc.value;
    let ok = true;
    for (let i = 0; i < o.parts.length - 1; i++) {
      const next = child(parent, o.parts[i]!);
      if (next === undefined || next === null || typeof next !== 'object') {
        const at = o.parts.slice(0, i + 1);
        problems.push(new SimError('E_USAGE', `--set ${o.path}: ${formatPath(at)} ${describeMissing(parent, o.parts[i]!)}`, { location: { file: doc.file, ...doc.locate(at), path: formatPath(at) }, hint: 'the field to set must sit in an existing object or list' }));
        ok = false;
        break;
      }
      parent = next;
    }
    if (!ok) continue;
    const last = o.parts[o.parts.length - 1]!;
    if (Array.isArray(parent) && !(typeof last === 'number' && last < parent.length)) {
      problems.push(new SimError('E_USAGE', `--set ${o.path}: index ${String(last)} is outside the list of ${parent.length}`, { location: { file: doc.file, ...doc.locate(o.parts.slice(0, -1)), path: formatPath(o.parts.slice(0, -1)) }, hint: `use an index from 0 to ${parent.length - 1}` }));
      continue;
    }
    if (!Array.isArray(parent) && typeof last === 'number') {
      problems.push(new SimError('E_USAGE', `--set ${o.path}: ${formatPath(o.parts.slice(0, -1))} is not a list`, { location: { file: doc.file, ...doc.locate(o.parts.slice(0, -1)) }, hint: 'use .field for objects and [index] for lists' }));
      continue;
    }
    (parent as Record<string | number, unknown>)[last] = o.value;
  }
  return problems;
}

function child(v: unknown, key: PathPart): unknown {
  if (v === null || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) return typeof key === 'number' ? v[key] : undefined;
  return typeof key === 'string' ? (v as Record<string, unknown>)[key] : undefined;
}

function describeMissing(parent: unknown, key: PathPart): string {
  if (Array.isArray(parent)) return typeof key === 'number' ? `does not exist (the list has ${parent.length} items)` : 'is a list: index it with [n]';
  return 'does not exist';
}

/**
 * `run --set` / `validate --set`: one value per flag (a sweep belongs to `kubesim compare`).
 * The same parser as compare's, so paths, values and errors read alike.
 */
export function singleOverrides(flags: readonly string[]): Override[] {
  return flags.map((flag) => {
    const f = parseSetFlag(flag);
    if (f.values.length !== 1) throw usage(`--set ${f.path}: ${f.values.length} values given; run and validate take one`, 'sweep several values with kubesim compare, or quote a value holding a comma');
    return f.values[0]!;
  });
}
