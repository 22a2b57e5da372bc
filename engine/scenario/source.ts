/**
 * Source files: YAML (or JSON, which is YAML) parsed with positions, so that every problem found later
 * in a plain JS value can be traced back to its file, line and column by its field path.
 */
import { LineCounter, parseAllDocuments, isNode, isCollection, visit } from 'yaml';
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
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new SimError('E_YAML', 'file contains NUL bytes: it is binary, not YAML or JSON', { location: { file, ...lineOf(text, nul) }, hint: 'point kubesim at a YAML or JSON scenario file' });
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
      const deep = /Maximum call stack/.test(e.message);
      const message = dup ? `duplicate key ${keyAt(text, e.pos[0])}in a mapping` : deep ? `document nests too deeply to parse` : `YAML syntax error: ${firstLine(e.message)}`;
      errors.push(
        new SimError(deep ? 'E_LIMIT' : 'E_YAML', message, {
          location: { file, line: pos.line, column: pos.col },
          hint: dup ? 'remove or rename one of the two keys' : deep ? `kubesim reads at most ${SOURCE_LIMITS.maxDepth} levels of nesting` : 'check indentation, quotes and colons around this line',
        }),
      );
    }
    if (doc.errors.length > 0) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: SOURCE_LIMITS.maxAliasCount });
    } catch (e) {
      errors.push(new SimError('E_YAML', `cannot expand YAML aliases: ${firstLine((e as Error).message)}`, { location: { file, ...firstAlias(doc, lineCounter) }, hint: 'use fewer aliases (anchors referenced more than ~1000 times are refused)' }));
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

function lineOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The key a duplicate-key error points at, quoted, or '' when it cannot be read. */
function keyAt(text: string, offset: number): string {
  const m = /^(?:"([^"\n]{1,60})"|'([^'\n]{1,60})'|([^\s:,{}[\]]{1,60}))/.exec(text.slice(offset, offset + 64));
  const key = m?.[1] ?? m?.[2] ?? m?.[3];
  return key ? `"${key}" ` : '';
}

/** Where the first alias of a document is, for alias-bomb errors. */
function firstAlias(doc: Document, lc: LineCounter): { line?: number; column?: number } {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  if (offset === undefined) return {};
  const pos = lc.linePos(offset);
  return { line: pos.line, column: pos.col };
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
