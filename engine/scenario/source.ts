/**
 * Source files: YAML (or JSON, which is YAML) parsed with positions, so that every problem found later
 * in a plain JS value can be traced back to its file, line and column by its field path.
 */
import { LineCounter, parseAllDocuments, isNode, isCollection } from 'yaml';
import type { Document } from 'yaml';
import { SimError } from '../core/errors.js';

export type PathPart = string | number;

export interface SourceDoc {
  file: string;
  /** Index of the document in a multi-document file. */
  index: number;
  value: unknown;
  locate(path: readonly PathPart[]): { line?: number; column?: number };
}

/** Guards against alias bombs and absurd nesting (hardening: bounded time and memory). */
export const SOURCE_LIMITS = Object.freeze({ maxAliasCount: 1000, maxBytes: 64 * 1024 * 1024, maxDepth: 64 });

export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

export function parseSource(file: string, text: string): SourceDoc[] {
  if (text.length > SOURCE_LIMITS.maxBytes) {
    throw new SimError('E_LIMIT', `file is ${text.length} bytes, more than the ${SOURCE_LIMITS.maxBytes} byte limit`, { location: { file } });
  }
  if (text.includes('\u0000')) {
    throw new SimError('E_YAML', 'file contains NUL bytes: it is binary, not YAML or JSON', { location: { file }, hint: 'point kubesim at a YAML or JSON scenario file' });
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  if (!Array.isArray(docs)) throw new SimError('E_YAML', 'could not parse file', { location: { file } });
  const errors: SimError[] = [];
  const out: SourceDoc[] = [];
  docs.forEach((doc, index) => {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      const dup = /Map keys must be unique/.test(e.message);
      errors.push(
        new SimError('E_YAML', dup ? 'duplicate key in a mapping' : `YAML syntax error: ${firstLine(e.message)}`, {
          location: { file, line: pos.line, column: pos.col },
          hint: dup ? 'remove or rename one of the two keys' : 'check indentation, quotes and colons around this line',
        }),
      );
    }
    if (doc.errors.length > 0) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: SOURCE_LIMITS.maxAliasCount });
    } catch (e) {
      errors.push(new SimError('E_YAML', `cannot expand YAML aliases: ${firstLine((e as Error).message)}`, { location: { file }, hint: 'use fewer aliases (anchors referenced more than ~1000 times are refused)' }));
      return;
    }
    if (value === null || value === undefined) return; // empty document (e.g. trailing ---)
    if (depthOf(value, 0) > SOURCE_LIMITS.maxDepth) {
      errors.push(new SimError('E_LIMIT', `document nests deeper than ${SOURCE_LIMITS.maxDepth} levels`, { location: { file } }));
      return;
    }
    out.push({ file, index, value, locate: (path) => locate(doc, lineCounter, path) });
  });
  if (errors.length > 0) throw errors.length === 1 ? errors[0]! : new AggregateSimError(errors);
  return out;
}

/** Thrown by parseSource when a file has several syntax problems. */
export class AggregateSimError extends Error {
  constructor(readonly errors: SimError[]) {
    super(errors.map((e) => e.format()).join('\n'));
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function depthOf(v: unknown, d: number): number {
  if (d > SOURCE_LIMITS.maxDepth) return d;
  if (v === null || typeof v !== 'object') return d;
  let max = d;
  for (const child of Object.values(v as object)) max = Math.max(max, depthOf(child, d + 1));
  return max;
}

function locate(doc: Document, lc: LineCounter, path: readonly PathPart[]): { line?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n);
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) {
      // For a missing child, point at the parent's first line rather than its whole range.
      const offset = isCollection(node) && n < path.length ? node.range[0] : node.range[0];
      const pos = lc.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}
