/** `kubesim import alibaba-gpu-2023 --nodes X --pods Y --out scenario.yaml`. */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { SimError } from '../core/errors.js';
import { readTraceNodes, readTracePods } from '../scenario/traces/alibaba-gpu-2023.js';
import { importAlibabaGpu2023 } from '../scenario/traces/import.js';
import { EXIT } from './errors.js';

export interface ImportFlags {
  nodes: string;
  pods: string;
  out: string;
  seed?: number;
  tune?: string;
  policy?: string;
  name?: string;
}

export function importCommand(format: string, flags: ImportFlags, write: (s: string) => void): number {
  if (format !== 'alibaba-gpu-2023') throw new SimError('E_SCHEMA', `unknown trace format "${format}"`, { hint: 'known formats: alibaba-gpu-2023' });
  const problems: string[] = [];
  const fail = (m: string, h?: string): void => void problems.push(h ? `${m} (${h})` : m);
  const nodes = readTraceNodes(flags.nodes, fail);
  const pods = readTracePods(flags.pods, fail);
  const tune = flags.tune === undefined ? 1.3 : Number(flags.tune);
  if (!(tune > 0)) problems.push(`--tune ${flags.tune} must be a number above 0`);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`kubesim: ${p}\n`);
    return EXIT.badInput;
  }
  const name = flags.name ?? basename(flags.pods).replace(/\.csv$/, '').replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
  const tmp = `${flags.out}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let lines = 0;
  try {
    for (const line of importAlibabaGpu2023(nodes, pods, { name, seed: flags.seed ?? 42, tune, policy: flags.policy ?? 'fgd', nodesFile: flags.nodes, podsFile: flags.pods })) {
      writeSync(fd, `${line}\n`);
      lines++;
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, flags.out);
  write(`wrote ${flags.out}: ${nodes.length} nodes, ${lines - 11 - nodes.length} pods\n`);
  return EXIT.ok;
}
