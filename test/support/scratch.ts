import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A temporary folder for a test file's files (`lienthong-<what>-XXXXXX`), removed when the file's tests end:
 * a developer's /tmp does not fill up run after run. Call it at a test file's top level or in a \`describe\` (Jest
 * takes no hook inside a test); a test's own files go in it under their own names.
 */
export function scratchDir(what: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `lienthong-${what}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
