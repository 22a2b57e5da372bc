/**
 * Plugin outcomes as values (pkg/scheduler/framework/interface.go). `null` stands for Success on hot
 * paths, so a passing filter allocates nothing.
 */
export const enum Code {
  Success = 0,
  Error = 1,
  Unschedulable = 2,
  UnschedulableAndUnresolvable = 3,
  Wait = 4,
  Skip = 5,
  Pending = 6,
}

export const CODE_NAMES = ['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable', 'Wait', 'Skip', 'Pending'] as const;

export class Status {
  plugin = '';
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}

  static unschedulable(...reasons: string[]): Status {
    return new Status(Code.Unschedulable, reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status(Code.UnschedulableAndUnresolvable, reasons);
  }

  static skip(): Status {
    return SKIP;
  }

  static error(reason: string): Status {
    return new Status(Code.Error, [reason]);
  }

  withPlugin(name: string): Status {
    this.plugin = name;
    return this;
  }

  get codeName(): string {
    return CODE_NAMES[this.code];
  }

  get message(): string {
    return this.reasons.join(', ');
  }
}

const SKIP = new Status(Code.Skip);

export function isSuccess(s: Status | null): boolean {
  return s === null || s.code === Code.Success;
}

/**
 * A PreFilter outcome that narrows the cycle to the named nodes (framework PreFilterResult): the other
 * nodes are rejected as UnschedulableAndUnresolvable without running their filters.
 */
export class PreFilterResult {
  constructor(readonly nodeNames: ReadonlySet<string>) {}
}
