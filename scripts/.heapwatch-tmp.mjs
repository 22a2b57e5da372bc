import { loadScenario } from '../dist/engine/scenario/load.js';
import { Simulation } from '../dist/engine/scenario/simulation.js';
const s = loadScenario(process.argv[2]);
const sim = new Simulation(s);
const mb = (x) => (x / 2 ** 20).toFixed(1);
for (let h = 0; h <= Number(process.argv[3]); h += 1) {
  sim.sim.run(h * 3600_000);
  global.gc();
  const m = process.memoryUsage();
  if (h % 4 === 0) console.log(`${h}h heapUsed ${mb(m.heapUsed)} MiB total ${mb(m.heapTotal)} rss ${mb(m.rss)} pods ${sim.store.allPods.length} queue ${sim.sim.queue.size}`);
}
