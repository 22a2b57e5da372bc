/**
 * The readable comparison on stdout: per scenario, one row per key metric and one column per policy
 * with mean ± 95 % CI half-width. The best mean of a row is bold on a terminal (else marked `*`);
 * a `!` marks a difference from the baseline whose 95 % CI excludes zero.
 */
import type { ComparisonRow } from '../compare/comparison.js';
import { betterDirection } from '../compare/metric-choice.js';
import type { Plan } from '../compare/cells.js';

export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return '-';
  if (Math.abs(x) >= 1000) return x.toFixed(0);
  if (x === 0) return '0';
  return String(Number(x.toPrecision(4)));
}

interface TableCell {
  text: string;
  best: boolean;
}

function bestIndexes(rows: readonly (ComparisonRow | undefined)[], direction: -1 | 0 | 1): Set<number> {
  const means = rows.map((r) => (r && r.summary.n > 0 ? r.summary.mean : NaN));
  const finite = means.filter((m) => Number.isFinite(m));
  if (direction === 0 || finite.length < 2) return new Set();
  const best = direction > 0 ? Math.max(...finite) : Math.min(...finite);
  if (finite.every((m) => m === best)) return new Set();
  return new Set(means.flatMap((m, i) => (m === best ? [i] : [])));
}

export function renderTable(plan: Plan, rows: readonly ComparisonRow[], metrics: readonly string[], tty: boolean): string {
  const out: string[] = [];
  const labels = plan.policies.map((p) => p.label);
  for (const variant of plan.variants) {
    const lines: TableCell[][] = [[{ text: 'metric', best: false }, ...labels.map((l) => ({ text: l === plan.baseline ? `${l} (baseline)` : l, best: false }))]];
    for (const metric of metrics) {
      const byPolicy = labels.map((l) => rows.find((r) => r.scenario === variant.name && r.policy === l && r.metric === metric));
      const best = bestIndexes(byPolicy, betterDirection(metric));
      lines.push([
        { text: metric, best: false },
        ...byPolicy.map((r, i): TableCell => {
          if (!r || r.summary.n === 0) return { text: '-', best: false };
          const hw = (r.summary.ciHigh - r.summary.ciLow) / 2;
          let text = Number.isFinite(hw) ? `${formatValue(r.summary.mean)} ± ${formatValue(hw)}` : formatValue(r.summary.mean);
          if (best.has(i) && !tty) text += ' *';
          if (r.diff?.significant) text += ' !';
          return { text, best: best.has(i) };
        }),
      ]);
    }
    const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.text.length)));
    const seeds = plan.seeds.length;
    out.push(`${variant.name}: ${seeds} seed${seeds === 1 ? '' : 's'} per policy, mean ± 95 % CI half-width`);
    for (const l of lines) {
      out.push(l.map((c, i) => {
        const padded = i === 0 ? c.text.padEnd(widths[i]!) : c.text.padStart(widths[i]!);
        return c.best && tty ? `\x1b[1m${padded}\x1b[22m` : padded;
      }).join('  ').trimEnd());
    }
    out.push('');
  }
  out.push(`${tty ? 'bold' : '*'}: best mean in the row; !: differs from ${plan.baseline} (paired by seed, 95 % CI of the difference excludes 0)`);
  return `${out.join('\n')}\n`;
}
