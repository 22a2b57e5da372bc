/** The GPU summary columns of docs/gpu-and-traces.md have a better direction in compare tables. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { betterDirection } from '../../engine/compare/metric-choice.js';

test('gpu_alloc_* is higher-is-better and gpu_frag_x100 lower-is-better', () => {
  for (const m of ['gpu_alloc_mean', 'gpu_alloc_end', 'gpu_alloc_x100', 'gpu_alloc_x130']) assert.equal(betterDirection(m), 1, m);
  assert.equal(betterDirection('gpu_frag_x100'), -1);
});
