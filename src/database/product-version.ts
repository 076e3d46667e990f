import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from '../../migrations/index.js';

/** The last migration this code knows, by its number: the level of the data's structure it writes and reads. */
export const SCHEMA_LEVEL = /\d+$/.exec(new MIGRATIONS[MIGRATIONS.length - 1]().name ?? '')?.[0] ?? '?';

/** The product's version (package.json, found above this file in the server's build and in the CLI's bundle alike). */
function packageVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'lienthong') return pkg.version ?? '?';
  }
  return '?';
}

/** `0.1.0 (cấu trúc dữ liệu 1763700000056)`: what `lienthong --version` and `/health` say. */
export const PRODUCT_VERSION = { version: packageVersion(), schema: SCHEMA_LEVEL };

export const versionLine = (): string => `${PRODUCT_VERSION.version} (cấu trúc dữ liệu ${PRODUCT_VERSION.schema})`;
