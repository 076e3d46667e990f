import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSchemaSdl } from '../src/graphql-schema.js';

/**
 * `npm run schema`: writes schema.graphql, then the console's types of it (console/src/graphql-env.d.ts,
 * by gql.tada); with --check, fails when either committed file is stale.
 */
const file = path.resolve('schema.graphql');
const consoleTypes = path.resolve('console', 'src', 'graphql-env.d.ts');
const sdl = await generateSchemaSdl();

/** gql.tada's introspection types of the schema.graphql on disk, written to `output`. */
function writeConsoleTypes(output: string): void {
  const cli = path.resolve('node_modules', 'gql.tada', 'bin', 'cli.js');
  execFileSync(process.execPath, [cli, 'generate', 'output', '--tsconfig', 'console/tsconfig.json', '--output', output], {
    stdio: 'ignore',
  });
}

if (process.argv.includes('--check')) {
  const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (committed !== sdl) {
    process.stderr.write('schema.graphql is out of date with the code: run `npm run schema` and commit it.\n');
    process.exit(1);
  }
  const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-types-')), 'graphql-env.d.ts');
  writeConsoleTypes(fresh);
  const stale = !fs.existsSync(consoleTypes) || fs.readFileSync(consoleTypes, 'utf8') !== fs.readFileSync(fresh, 'utf8');
  fs.rmSync(path.dirname(fresh), { recursive: true, force: true });
  if (stale) {
    process.stderr.write('console/src/graphql-env.d.ts is out of date with schema.graphql: run `npm run schema` and commit it.\n');
    process.exit(1);
  }
  process.stderr.write('schema.graphql and the console types are up to date\n');
} else {
  fs.writeFileSync(file, sdl);
  writeConsoleTypes(consoleTypes);
  process.stderr.write(`wrote ${file} and ${consoleTypes}\n`);
}
