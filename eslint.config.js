// Lint rules for kubesim. Layering (which engine folder may import which) is checked by
// scripts/check-layers.mjs; here: TypeScript hygiene and the determinism bans inside engine/.
import tseslint from 'typescript-eslint';

const wallClock = [
  { object: 'Math', property: 'random', message: 'Use a seeded stream from engine/core/rng.ts.' },
  { object: 'Date', property: 'now', message: 'Simulated time only inside engine/ (wall clock belongs in engine/cli).' },
  { object: 'performance', property: 'now', message: 'Wall clock belongs in engine/cli.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/cli/**'],
    rules: {
      'no-restricted-properties': ['error', ...wallClock],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate'],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'No wall clock inside engine/.' }],
    },
  },
);
