/**
 * A cursor over a parsed document that reads typed fields and collects every problem it meets
 * (with file, line, field path and a fix), so a scenario is validated completely before t=0.
 */
import { SimError, didYouMean } from '../core/errors.js';
import { parseDuration } from '../core/time.js';
import { parseMillis, parseUnits } from '../cluster/quantity.js';
import type { PathPart, SourceDoc } from './source.js';
import { formatPath } from './source.js';

export class Problems {
  readonly list: SimError[] = [];
  private readonly seen = new Set<string>();
  /** Adds a problem; the same problem at the same place (read twice by two readers) is kept once. */
  add(e: SimError): void {
    const key = `${e.code}\u0000${e.format()}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(e);
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
}

type Kind = 'object' | 'array' | 'string' | 'number' | 'boolean';

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v} (${JSON.stringify(v)?.slice(0, 40)})`;
}

export class Reader {
  constructor(
    readonly src: SourceDoc,
    readonly value: unknown,
    readonly path: readonly PathPart[],
    readonly problems: Problems,
  ) {}

  static root(src: SourceDoc, problems: Problems): Reader {
    return new Reader(src, src.value, [], problems);
  }

  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  get pathText(): string {
    return formatPath(this.path);
  }

  fail(message: string, hint?: string, code: SimError['code'] = 'E_SCHEMA'): undefined {
    const pos = this.src.locate(this.path);
    this.problems.add(new SimError(code, message, { location: { file: this.src.file, ...pos, path: this.pathText || undefined }, hint }));
    return undefined;
  }

  child(key: PathPart): Reader {
    const v = this.value as Record<string | number, unknown> | undefined;
    const childValue = v !== null && typeof v === 'object' ? v[key] : undefined;
    return new Reader(this.src, childValue, [...this.path, key], this.problems);
  }

  private expect(kind: Kind): boolean {
    const v = this.value;
    const ok =
      kind === 'object' ? v !== null && typeof v === 'object' && !Array.isArray(v) : kind === 'array' ? Array.isArray(v) : typeof v === kind;
    if (!ok) this.fail(`expected ${kind === 'object' ? 'a mapping' : kind === 'array' ? 'a list' : `a ${kind}`}, got ${kindOf(v)}`);
    return ok;
  }

  /**
   * Checks this is a mapping whose keys are all known; unknown keys are errors with a suggestion.
   * `ignored` lists real fields that kubesim accepts and ignores (e.g. Kubernetes fields it does not simulate).
   */
  object(known: readonly string[], ignored: readonly string[] = [], required: readonly string[] = []): boolean {
    if (!this.present) return false;
    if (!this.expect('object')) return false;
    for (const key of Object.keys(this.value as object)) {
      if (known.includes(key) || ignored.includes(key)) continue;
      const guess = didYouMean(key, known);
      this.child(key).fail(`unknown field "${key}"`, guess ? `did you mean "${guess}"?` : `known fields here: ${known.join(', ')}`);
    }
    for (const key of required) {
      if (!this.child(key).present) this.fail(`missing required field "${key}"`, `add ${key}: ...`);
    }
    return true;
  }

  keys(): string[] {
    return this.present && typeof this.value === 'object' && !Array.isArray(this.value) ? Object.keys(this.value as object) : [];
  }

  items(): Reader[] {
    if (!this.present) return [];
    if (!this.expect('array')) return [];
    return (this.value as unknown[]).map((_, i) => this.child(i));
  }

  entries(): [string, Reader][] {
    if (!this.present) return [];
    if (!this.expect('object')) return [];
    return Object.keys(this.value as object).map((k) => [k, this.child(k)]);
  }

  str(opts: { required?: boolean; oneOf?: readonly string[]; pattern?: RegExp; patternHint?: string; max?: number } = {}): string | undefined {
    if (!this.present) return opts.required ? this.fail('missing required field', 'add a value here') : undefined;
    if (typeof this.value === 'number' || typeof this.value === 'boolean') {
      if (!opts.oneOf && !opts.pattern) return String(this.value);
    }
    if (!this.expect('string')) return undefined;
    const s = this.value as string;
    const max = opts.max ?? 4096;
    if (s.length > max) return this.fail(`string is ${s.length} characters long, more than ${max}`, 'shorten it');
    if (opts.oneOf && !opts.oneOf.includes(s)) {
      const guess = didYouMean(s, opts.oneOf);
      return this.fail(`"${s}" is not one of ${opts.oneOf.join(', ')}`, guess ? `did you mean "${guess}"?` : undefined);
    }
    if (opts.pattern && !opts.pattern.test(s)) return this.fail(`"${s}" is not valid`, opts.patternHint);
    return s;
  }

  /** A Kubernetes object name (DNS-1123 subdomain). */
  name(required = true): string | undefined {
    return this.str({
      required,
      max: 253,
      pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
      patternHint: 'use lower-case letters, digits, "-" and "." (DNS-1123), starting and ending with a letter or digit',
    });
  }

  int(opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    if (!this.present) return opts.required ? this.fail('missing required field', 'add a whole number here') : undefined;
    if (!this.expect('number')) return undefined;
    const n = this.value as number;
    if (!Number.isInteger(n)) return this.fail(`${n} is not a whole number`);
    const min = opts.min ?? Number.MIN_SAFE_INTEGER;
    const max = opts.max ?? Number.MAX_SAFE_INTEGER;
    if (n < min && max === Number.MAX_SAFE_INTEGER) return this.fail(`${n} must be at least ${min}`);
    if (n < min || n > max) return this.fail(`${n} is out of range ${min}..${max}`);
    return n;
  }

  num(opts: { required?: boolean; min?: number; max?: number; exclusiveMin?: boolean } = {}): number | undefined {
    if (!this.present) return opts.required ? this.fail('missing required field', 'add a number here') : undefined;
    if (!this.expect('number')) return undefined;
    const n = this.value as number;
    if (!Number.isFinite(n)) return this.fail(`${n} is not a finite number`);
    if (opts.min !== undefined && (opts.exclusiveMin ? n <= opts.min : n < opts.min)) return this.fail(`${n} must be ${opts.exclusiveMin ? 'greater than' : 'at least'} ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) return this.fail(`${n} must be at most ${opts.max}`);
    return n;
  }

  bool(required = false): boolean | undefined {
    if (!this.present) return required ? this.fail('missing required field', 'write true or false') : undefined;
    if (!this.expect('boolean')) return undefined;
    return this.value as boolean;
  }

  /** A duration string such as 30s, 5m, 1h30m (integer ms). */
  duration(required = false): number | undefined {
    if (!this.present) return required ? this.fail('missing required field', 'write a duration such as 30s, 5m or 1h30m') : undefined;
    if (typeof this.value !== 'string') return this.fail(`expected a duration such as 30s, 5m or 1h30m, got ${kindOf(this.value)}`, 'durations need a unit: ms, s, m, h or d');
    return this.guard(() => parseDuration(this.value as string));
  }

  /** A resource quantity: cpu in millicores, everything else in whole units (bytes for memory). */
  quantity(resourceName: string): number | undefined {
    if (!this.present) return undefined;
    if (typeof this.value !== 'string' && typeof this.value !== 'number') return this.fail(`expected a quantity such as 500m, 2, 4Gi; got ${kindOf(this.value)}`);
    const v = this.value;
    return this.guard(() => (resourceName === 'cpu' ? parseMillis(v) : parseUnits(v)));
  }

  guard<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof SimError) {
        const pos = this.src.locate(this.path);
        this.problems.add(new SimError(e.code, e.message, { location: { file: this.src.file, ...pos, path: this.pathText || undefined }, hint: e.hint }));
        return undefined;
      }
      throw e;
    }
  }
}
