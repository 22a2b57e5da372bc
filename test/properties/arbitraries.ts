/**
 * fast-check arbitraries for whole scenarios as plain JS documents (the YAML a user writes): small
 * clusters (1-8 nodes, random allocatable, labels, taints), Deployments, Jobs with run times, bare
 * Pods, priorities, nodeSelectors, tolerations and arrival generators.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

const TAINT_KEYS = ['dedicated', 'gpu'] as const;
const EFFECTS = ['NoSchedule', 'NoExecute', 'PreferNoSchedule'] as const;

const taint = fc.record({ key: fc.constantFrom(...TAINT_KEYS), value: fc.constantFrom('a', 'b'), effect: fc.constantFrom(...EFFECTS) });
const toleration = fc.oneof(
  fc.record({ key: fc.constantFrom(...TAINT_KEYS), operator: fc.constant('Exists') }),
  fc.record({ key: fc.constantFrom(...TAINT_KEYS), operator: fc.constant('Equal'), value: fc.constantFrom('a', 'b'), effect: fc.constantFrom(...EFFECTS) }),
);

const pool = fc.record({
  count: fc.integer({ min: 1, max: 2 }),
  cpu: fc.integer({ min: 1, max: 16 }),
  memoryGi: fc.integer({ min: 1, max: 64 }),
  pods: fc.integer({ min: 2, max: 110 }),
  disk: fc.constantFrom('ssd', 'hdd'),
  taints: fc.array(taint, { maxLength: 1 }),
});

const requests = fc.record({ cpu: fc.integer({ min: 0, max: 4000 }), memoryMi: fc.integer({ min: 0, max: 8192 }) }).map(({ cpu, memoryMi }) => {
  const r: Record<string, string> = {};
  if (cpu > 0) r.cpu = `${cpu}m`;
  if (memoryMi > 0) r.memory = `${memoryMi}Mi`;
  return r;
});

const runTime = fc.oneof(
  fc.integer({ min: 1, max: 30 }).map((m) => `${m}m`),
  fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 })).map(([a, b]) => `uniform(${a}m, ${a + b}m)`),
  fc.integer({ min: 1, max: 20 }).map((m) => `exponential(${m}m)`),
);

const podSpec = (restartPolicy: 'Always' | 'Never' | 'OnFailure') =>
  fc.record({ requests, tolerations: fc.array(toleration, { maxLength: 2 }), disk: fc.option(fc.constantFrom('ssd', 'hdd'), { nil: undefined }), priorityClass: fc.option(fc.constantFrom('high', 'low'), { nil: undefined }) }).map((p) => ({
    restartPolicy,
    ...(p.priorityClass ? { priorityClassName: p.priorityClass } : {}),
    ...(p.disk ? { nodeSelector: { disk: p.disk } } : {}),
    ...(p.tolerations.length ? { tolerations: p.tolerations } : {}),
    containers: [{ name: 'c', image: 'x', resources: { requests: p.requests } }],
  }));

const deployment = (i: number) =>
  fc.record({ replicas: fc.integer({ min: 0, max: 10 }), spec: podSpec('Always') }).map((d) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `d${i}` },
    spec: { replicas: d.replicas, selector: { matchLabels: { app: `d${i}` } }, template: { metadata: { labels: { app: `d${i}` } }, spec: d.spec } },
  }));

const jobSpec = fc.record({ completions: fc.integer({ min: 1, max: 5 }), parallelism: fc.integer({ min: 1, max: 3 }), backoffLimit: fc.integer({ min: 0, max: 3 }), run: runTime, spec: podSpec('Never') }).map((j) => ({
  completions: j.completions,
  parallelism: j.parallelism,
  backoffLimit: j.backoffLimit,
  template: { metadata: { annotations: { 'kubesim.io/duration': j.run } }, spec: j.spec },
}));

const job = (i: number) => jobSpec.map((spec) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `j${i}` }, spec }));

const barePod = (i: number) =>
  fc.record({ run: fc.option(runTime, { nil: undefined }), spec: podSpec('Never') }).map((p) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${i}`, ...(p.run ? { annotations: { 'kubesim.io/duration': p.run } } : {}) },
    spec: p.spec,
  }));

const generator = (i: number) =>
  fc.record({
    poisson: fc.boolean(),
    intervalS: fc.integer({ min: 20, max: 600 }),
    stopM: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
    job: fc.option(jobSpec, { nil: undefined }),
    run: runTime,
    spec: podSpec('Never'),
  }).map((g) => ({
    name: `g${i}`,
    arrival: g.poisson ? { type: 'poisson', meanInterval: `${g.intervalS}s` } : { type: 'fixed', interval: `${g.intervalS}s` },
    ...(g.stopM ? { stop: `${g.stopM}m` } : {}),
    template: g.job
      ? { apiVersion: 'batch/v1', kind: 'Job', spec: g.job }
      : { kind: 'Pod', metadata: { annotations: { 'kubesim.io/duration': g.run } }, spec: g.spec },
  }));

const indexed = <T>(make: (i: number) => fc.Arbitrary<T>, max: number): fc.Arbitrary<T[]> =>
  fc.integer({ min: 0, max }).chain((n) => (n === 0 ? fc.constant([] as T[]) : fc.tuple(...Array.from({ length: n }, (_, i) => make(i)))));

export interface ScenarioDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown> & { seed: number; generators: unknown[] };
}

/** A whole small scenario document (1-8 nodes). */
export const scenarioDoc: fc.Arbitrary<ScenarioDoc> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    durationM: fc.integer({ min: 10, max: 120 }),
    pools: fc.array(pool, { minLength: 1, maxLength: 4 }),
    deployments: indexed(deployment, 3),
    jobs: indexed(job, 3),
    pods: indexed(barePod, 3),
    generators: indexed(generator, 2),
  })
  .map((s) => ({
    apiVersion: 'kubesim.io/v1alpha1',
    kind: 'Scenario',
    metadata: { name: 'prop' },
    spec: {
      seed: s.seed,
      duration: `${s.durationM}m`,
      nodes: s.pools.map((p, i) => ({
        pool: `pool${i}`,
        count: p.count,
        zones: ['a', 'b'],
        labels: { disk: p.disk },
        allocatable: { cpu: `${p.cpu}`, memory: `${p.memoryGi}Gi`, pods: p.pods },
        ...(p.taints.length ? { taints: p.taints } : {}),
      })),
      manifests: [
        { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 },
        { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: -5 },
        ...s.deployments,
        ...s.jobs,
        ...s.pods,
      ],
      generators: s.generators,
    },
  }));

export function toYaml(doc: unknown): string {
  return stringify(doc, { lineWidth: 0 });
}
