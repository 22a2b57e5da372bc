/**
 * FitError's message (pkg/scheduler/framework/types.go FitError.Error): "0/N nodes are available:" then
 * either the PreFilter message, or the reason histogram as "<count> <reason>" strings sorted as strings
 * (so "10 ..." sorts before "9 ..."), joined by ", ", each part ending with ".".
 */

/** The histogram part: "<count> <reason>" sorted as strings (Go's sort.Strings on the formatted parts). */
export function sortedHistogram(counts: ReadonlyMap<string, number>): string[] {
  const parts: string[] = [];
  for (const [reason, n] of counts) if (n > 0) parts.push(`${n} ${reason}`);
  return parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** schedule_one.go ErrNoNodesAvailable: the cycle fails before any filtering when the cluster has no node. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export function fitErrorMessage(total: number, counts: ReadonlyMap<string, number>, preFilterMsg = ''): string {
  if (total === 0) return NO_NODES_AVAILABLE;
  if (preFilterMsg !== '') return `0/${total} nodes are available: ${preFilterMsg}.`;
  const parts = sortedHistogram(counts);
  return parts.length === 0 ? `0/${total} nodes are available:` : `0/${total} nodes are available: ${parts.join(', ')}.`;
}
