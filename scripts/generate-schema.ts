import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { generateSchemaSdl } from '../src/graphql-schema.js';

/** `npm run schema`: writes schema.graphql; with --check, fails when the committed one is stale. */
const file = path.resolve('schema.graphql');
const sdl = await generateSchemaSdl();
if (process.argv.includes('--check')) {
  const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (committed !== sdl) {
    process.stderr.write('schema.graphql is out of date with the code: run `npm run schema` and commit it.\n');
    process.exit(1);
  }
  process.stderr.write('schema.graphql is up to date\n');
} else {
  fs.writeFileSync(file, sdl);
  process.stderr.write(`wrote ${file}\n`);
}
