/**
 * The one error type for bad input and broken invariants. It carries a stable code, where the
 * problem is (file, line, column, field path) and how to fix it. Only engine/cli turns it into
 * an exit code; everything else throws or collects it.
 */
export interface SimErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** Field path inside the document, e.g. `spec.nodes[0].allocatable.cpu`. */
  path?: string;
}

export type SimErrorCode =
  | 'E_DURATION'
  | 'E_QUANTITY'
  | 'E_YAML'
  | 'E_SCHEMA'
  | 'E_REFERENCE'
  | 'E_DUPLICATE'
  | 'E_LIMIT'
  | 'E_IO'
  | 'E_PAST'
  | 'E_INVARIANT'
  | 'E_PLUGIN'
  | 'E_USAGE';

export class SimError extends Error {
  readonly code: SimErrorCode;
  readonly location: SimErrorLocation;
  readonly hint: string | undefined;
  /** Fatal errors stop a run; non-fatal ones are reported with the others before t=0. */
  readonly fatal: boolean;

  constructor(code: SimErrorCode, message: string, options: { location?: SimErrorLocation; hint?: string; fatal?: boolean } = {}) {
    super(clip(message));
    this.name = 'SimError';
    this.code = code;
    this.location = options.location ?? {};
    this.hint = options.hint === undefined ? undefined : clip(options.hint);
    this.fatal = options.fatal ?? true;
  }

  /** `file:line:col: field: message (hint)` in the style compilers use. */
  format(): string {
    const { file, line, column, path } = this.location;
    let where = file ?? '';
    if (line !== undefined) where += `${where ? ':' : 'line '}${line}${column !== undefined ? `:${column}` : ''}`;
    const head = where ? `${where}: ` : '';
    const field = path ? `${path}: ` : '';
    return `${head}${field}${this.message}${this.hint ? `\n    fix: ${this.hint}` : ''}`;
  }
}

/** Longest quoted token and longest message kept: hostile input must not produce megabyte messages. */
export const MESSAGE_LIMITS = Object.freeze({ quotedChars: 60, messageChars: 4000 });

/** Shortens long quoted tokens ("xxxx…" (200000 characters)) and caps the whole text. */
export function clip(text: string): string {
  const q = MESSAGE_LIMITS.quotedChars;
  let out = text.replace(/"([^"\n]*)"/g, (m, t: string) => (t.length > q ? `"${t.slice(0, q)}…" (${t.length} characters)` : m));
  if (out.length > MESSAGE_LIMITS.messageChars) out = `${out.slice(0, MESSAGE_LIMITS.messageChars)}… (${out.length - MESSAGE_LIMITS.messageChars} more characters)`;
  return out;
}

/** Several problems found at once (validation reports everything before t=0). */
export class SimErrors extends Error {
  readonly errors: readonly SimError[];
  constructor(errors: readonly SimError[]) {
    super(errors.map((e) => e.format()).join('\n'));
    this.name = 'SimErrors';
    this.errors = errors;
  }
}

/** Edit distance suggestion for "did you mean" messages. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
