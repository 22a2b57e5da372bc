/**
 * Creating the output folder, one level at a time. Node 20's recursive mkdirSync never returns for
 * some paths (e.g. under /proc), and a path through a file fails with a raw ENOTDIR: both are bad
 * input (exit 2) with a message, not a hang or an "internal error".
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SimError } from '../core/errors.js';

export function makeOutputDir(dir: string): void {
  const full = resolve(dir);
  const missing: string[] = [];
  let p = full;
  for (;;) {
    const st = statOrUndefined(p);
    if (st) {
      if (!st.isDirectory()) throw outError(dir, `${p} is not a folder`);
      break;
    }
    missing.push(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'EEXIST') throw outError(dir, `cannot create ${m} (${err.code ?? err.message})`);
    }
  }
}

function statOrUndefined(p: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function outError(dir: string, why: string): SimError {
  return new SimError('E_IO', `cannot use output folder ${dir}: ${why}`, { hint: 'choose a writable folder with --out' });
}
