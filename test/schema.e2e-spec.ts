import { readFile, writeFile } from 'node:fs/promises';
import { printAppSchema } from '../apps/api/src/schema-printer.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// schema.gql is committed so every schema change shows in review. UPDATE_SCHEMA=1 npm test rewrites it.
describe('schema.gql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('matches the schema the code generates', async () => {
    const generated = printAppSchema(t.app);
    if (process.env.UPDATE_SCHEMA === '1') await writeFile('schema.gql', generated);
    const committed = await readFile('schema.gql', 'utf8');
    expect(committed).toBe(generated);
  });
});
