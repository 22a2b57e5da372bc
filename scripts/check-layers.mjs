// Import-direction check between engine folders (STYLE.md): core <- cluster, metrics <- scheduler,
// controllers, faults <- scenario <- cli. The scheduler and the controllers never import each other;
// scheduler plugins never import other plugins. reports/ may import engine/ except cli/.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ALLOWED = {
  core: [],
  cluster: ['core'],
  metrics: ['core', 'cluster'],
  check: ['core', 'cluster', 'metrics'],
  scheduler: ['core', 'cluster', 'metrics'],
  controllers: ['core', 'cluster', 'metrics'],
  faults: ['core', 'cluster', 'metrics'],
  scenario: ['core', 'cluster', 'metrics', 'check', 'scheduler', 'controllers', 'faults'],
  compare: ['core', 'cluster', 'metrics', 'check', 'scheduler', 'controllers', 'faults', 'scenario'],
  cli: ['core', 'cluster', 'metrics', 'check', 'scheduler', 'controllers', 'faults', 'scenario', 'compare', 'reports'],
  reports: ['core', 'cluster', 'metrics', 'check', 'scheduler', 'controllers', 'faults', 'scenario', 'compare'],
};

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function area(path) {
  const rel = relative(process.cwd(), path).split(/[\\/]/);
  if (rel[0] === 'reports') return 'reports';
  if (rel[0] === 'engine') return rel[1];
  return undefined;
}

function pluginOf(path) {
  const m = /engine[\\/]scheduler[\\/]plugins[\\/]([^\\/]+)/.exec(relative(process.cwd(), path));
  return m ? m[1] : undefined;
}

const problems = [];
for (const file of [...files('engine'), ...files('reports')]) {
  const from = area(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
    const target = resolve(dirname(file), m[1]);
    const to = area(target);
    if (!to || to === from) {
      const a = pluginOf(file);
      const b = pluginOf(target);
      if (a && b && a !== b && b !== 'helper') problems.push(`${file}: plugin ${a} imports plugin ${b} (plugins never import each other; share code in plugins/helper)`);
      continue;
    }
    const allowed = ALLOWED[from];
    if (!allowed) problems.push(`${file}: unknown engine folder "${from}" (add it to scripts/check-layers.mjs)`);
    else if (!allowed.includes(to)) problems.push(`${file}: ${from} must not import ${to} (${m[1]})`);
  }
}
if (problems.length > 0) {
  console.error(`layering: ${problems.length} forbidden import(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('layering: ok');
