import fs from 'node:fs';
import path from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { pendingSchemaChanges } from '../src/database/data-source.js';
import { generateSchemaSdl, printSortedSchema } from '../src/graphql-schema.js';
import { createTestApp, createTestDatabase } from './test-app.js';
import { runMigrations } from '../src/database/data-source.js';

/** Generated files are checked in and checked: schema.graphql and the migrations. */
describe('generated files', () => {
  const committed = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'schema.graphql'), 'utf8');

  it('schema.graphql is what the code generates (run `npm run schema` when this fails)', async () => {
    expect(await generateSchemaSdl()).toBe(committed);
  });

  it('the running server serves exactly schema.graphql', async () => {
    const t = await createTestApp();
    try {
      expect(printSortedSchema(t.app.get(GraphQLSchemaHost).schema)).toBe(committed);
    } finally {
      await t.close();
    }
  });

  it('the migrations produce exactly the entities (no drift)', async () => {
    const url = await createTestDatabase();
    await runMigrations(url);
    expect(await pendingSchemaChanges(url)).toEqual([]);
  });
});
