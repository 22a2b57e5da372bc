// Runs every compiled test file under dist/test with node's built-in test runner.
// Node 20's `node --test` does not expand globs, so the file list is built here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const filter = process.argv[2];
const files = collect('dist/test', []).filter((f) => !filter || f.includes(filter));
// With no file arguments `node --test` would fall back to its own discovery (and run test-*.js helpers).
if (files.length === 0) {
  console.error(`no test file under dist/test matches "${filter}"`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
