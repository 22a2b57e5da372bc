// Runs a scenario hour by hour and prints, per simulated hour, the wall and CPU time so far, the scheduling
// attempts and pods scheduled, and the RSS: where a long run spends its time. Outputs nothing else
// (no CSVs). Usage: npm run build && node scripts/checkpoints.mjs <scenario.yaml> [hours] [stepMinutes]
import { loadScenario } from '../dist/engine/scenario/load.js';
import { Simulation } from '../dist/engine/scenario/simulation.js';

const [file, hours, stepMinutes] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/checkpoints.mjs <scenario.yaml> [hours] [stepMinutes]');
  process.exit(2);
}
const sim = new Simulation(loadScenario(file));
const stepMs = Number(stepMinutes ?? 60) * 60_000;
const endMs = hours === undefined ? sim.scenario.durationMs : Number(hours) * 3_600_000;
const t0 = process.hrtime.bigint();
for (let at = stepMs; at <= endMs; at += stepMs) {
  sim.sim.run(at);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage().user / 1e6;
  const { attempts, scheduled } = sim.scheduler.stats;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(`${(at / 3_600_000).toFixed(2)} h  wall ${wall.toFixed(1)} s  cpu ${cpu.toFixed(1)} s  attempts ${attempts}  scheduled ${scheduled}  rss ${rss.toFixed(0)} MiB`);
}
