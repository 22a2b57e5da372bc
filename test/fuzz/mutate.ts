/**
 * Mutations of valid scenario files for fuzzing the front door: structural ones on the parsed
 * document (type swaps, missing fields, huge and negative numbers, bad quantities and durations,
 * unknown kinds, deep nesting, long strings) and textual ones on the YAML (truncation, binary junk,
 * duplicate keys, alias bombs, stray tabs). Every mutation is a pure function of its arguments, so
 * a fast-check counterexample replays exactly.
 */
import { stringify } from 'yaml';

export type PathPart = string | number;

export const STRUCTURAL = ['delete', 'typeSwap', 'huge', 'negative', 'quantity', 'duration', 'kind', 'deep', 'long', 'unknownKey'] as const;
export const TEXTUAL = ['truncate', 'junk', 'duplicateLine', 'aliasBomb', 'tab', 'flipChar', 'bom'] as const;
export type Mutation = (typeof STRUCTURAL)[number] | (typeof TEXTUAL)[number];

const SWAPS: unknown[] = [null, true, false, 0, -1, 1.5, '', 'abc', [], {}, [1, 2], { a: 1 }, '500m', '1h'];
const HUGE: unknown[] = [1e308, -1e308, 2 ** 53 + 2, 1e21, Number.MAX_SAFE_INTEGER, 4294967296, 1e15, 99999999999, Infinity, -Infinity, Number.NaN];
const NEGATIVE: unknown[] = [-1, -0.5, -1e9, -0, '-1', '-5m', '-1Gi'];
const QUANTITIES: unknown[] = ['12Qi', '1e999', '-5', '0.0001m', '99999999999999999999Ei', '1..5', '', ' ', '0x10', '1e-9', 'Gi', '5 Gi', '1.5.5', '∞', '1e308Ki', '0.1m'];
const DURATIONS: unknown[] = ['5 parsecs', '-1s', '1e9h', '99999999999999999d', '1.5.5s', 's', '0', '1h-5m', 'PT5M', '', '10', 10, '1ms1ms', '3000000000d', 'uniform(1s)', 'exponential(-1m)', 'lognormal(a, b)'];
const KINDS: unknown[] = ['Pods', 'pod', 'Deploymnet', 'CronJob', 'StatefulSet', 'Scenario', '', 'List', 'KubeSchedulerConfiguration', 'x'.repeat(300)];

/** Every path to a value in the document, parents before children. */
export function paths(doc: unknown, prefix: PathPart[] = [], out: PathPart[][] = []): PathPart[][] {
  out.push(prefix);
  if (Array.isArray(doc)) doc.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (doc !== null && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) paths(v, [...prefix, k], out);
  return out;
}

function setIn(doc: unknown, path: readonly PathPart[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(doc)) {
    const copy = [...doc];
    if (remove && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = setIn(copy[head as number], rest, value, remove);
    return copy;
  }
  const copy = { ...(doc as Record<string, unknown>) };
  if (remove && rest.length === 0) delete copy[head as string];
  else copy[head as string] = setIn(copy[head as string], rest, value, remove);
  return copy;
}

function nested(depth: number, list: boolean): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = list ? [v] : { a: v };
  return v;
}

const pick = <T>(xs: readonly T[], n: number): T => xs[Math.abs(n) % xs.length]!;

/** Applies a structural mutation at the path chosen by `where` (an index into paths()). */
export function mutateDoc(doc: unknown, m: (typeof STRUCTURAL)[number], where: number, choice: number): unknown {
  const all = paths(doc);
  const path = pick(all.length > 1 ? all.slice(1) : all, where);
  switch (m) {
    case 'delete':
      return setIn(doc, path, undefined, true);
    case 'typeSwap':
      return setIn(doc, path, pick(SWAPS, choice));
    case 'huge':
      return setIn(doc, path, pick(HUGE, choice));
    case 'negative':
      return setIn(doc, path, pick(NEGATIVE, choice));
    case 'quantity':
      return setIn(doc, path, pick(QUANTITIES, choice));
    case 'duration':
      return setIn(doc, path, pick(DURATIONS, choice));
    case 'kind': {
      const kindPaths = all.filter((p) => p[p.length - 1] === 'kind');
      return kindPaths.length ? setIn(doc, pick(kindPaths, where), pick(KINDS, choice)) : setIn(doc, path, pick(KINDS, choice));
    }
    case 'deep':
      return setIn(doc, path, nested(choice % 2 ? 200 : 40, choice % 3 === 0));
    case 'long':
      return setIn(doc, path, choice % 2 ? 'x'.repeat(200_000) : '\u{1F600}é\u0301'.repeat(2000));
    case 'unknownKey': {
      const parent = path.slice(0, -1);
      return setIn(doc, [...parent, pick(['replica', 'Replicas', 'spec2', 'contaners', '__proto__', 'constructor', 'toString'], choice)], 1);
    }
  }
}

const BOMB = `bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]
bomb1: &b1 [*b0, *b0, *b0, *b0, *b0, *b0, *b0, *b0, *b0, *b0]
bomb2: &b2 [*b1, *b1, *b1, *b1, *b1, *b1, *b1, *b1, *b1, *b1]
bomb3: &b3 [*b2, *b2, *b2, *b2, *b2, *b2, *b2, *b2, *b2, *b2]
bomb4: &b4 [*b3, *b3, *b3, *b3, *b3, *b3, *b3, *b3, *b3, *b3]
bomb5: &b5 [*b4, *b4, *b4, *b4, *b4, *b4, *b4, *b4, *b4, *b4]
bomb6: &b6 [*b5, *b5, *b5, *b5, *b5, *b5, *b5, *b5, *b5, *b5]
`;

/** Applies a textual mutation at a position chosen by `where`. */
export function mutateText(text: string, m: (typeof TEXTUAL)[number], where: number, choice: number): string {
  const at = text.length === 0 ? 0 : Math.abs(where) % text.length;
  const lines = text.split('\n');
  const line = Math.abs(where) % Math.max(1, lines.length);
  switch (m) {
    case 'truncate':
      return text.slice(0, at);
    case 'junk': {
      let junk = '';
      for (let i = 0; i < 1 + (Math.abs(choice) % 64); i++) junk += String.fromCharCode((choice * 31 + i * 97) % 256);
      return text.slice(0, at) + junk + text.slice(at);
    }
    case 'duplicateLine':
      return [...lines.slice(0, line + 1), lines[line] ?? '', ...lines.slice(line + 1)].join('\n');
    case 'aliasBomb':
      return choice % 2 ? BOMB + text : text.replace(/^spec:\n/m, `spec:\n  x: &x [${'*x, '.repeat(0)}1]\n`) + `\n${BOMB}`;
    case 'tab':
      return [...lines.slice(0, line), `\t${lines[line] ?? ''}`, ...lines.slice(line + 1)].join('\n');
    case 'flipChar':
      return text.slice(0, at) + pick([':', '{', '[', '"', "'", '&', '*', '!', '|', '>', '%', '@', '`', '-', '#'], choice) + text.slice(at + 1);
    case 'bom':
      return `\uFEFF${text}`;
  }
}

export function dump(doc: unknown): string {
  return stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
}
