/** The published JSON Schema accepts every bundled scenario and rejects what kubesim rejects at the top level. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Ajv } from 'ajv';

const schema = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

describe('scenario JSON Schema', () => {
  const files = readdirSync('scenarios').map((d) => join('scenarios', d, 'scenario.yaml')).filter((f) => existsSync(f));
  for (const f of files) {
    it(`accepts ${f}`, () => {
      const doc = parse(readFileSync(f, 'utf8'));
      const ok = validate(doc);
      assert.ok(ok, JSON.stringify(validate.errors, null, 1));
    });
  }

  it('rejects an unknown spec field and a duration without a unit', () => {
    const doc = parse(readFileSync('scenarios/quickstart/scenario.yaml', 'utf8'));
    assert.equal(validate({ ...doc, spec: { ...doc.spec, replcias: 1 } }), false);
    assert.equal(validate({ ...doc, spec: { ...doc.spec, duration: '10' } }), false);
  });
});
