import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, from a module's URL (compiled in dist/ or run from the sources in tests). */
export function projectRoot(moduleUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * A compiled script this code starts in a worker or a child process, by its place in dist/ (e.g.
 * `src/common/files/xlsx-worker.js`): the same from the compiled modules, from the CLI's one-file
 * build (dist/cli) and from the sources in tests.
 */
export const compiledScript = (distPath: string): string => path.join(projectRoot(), 'dist', ...distPath.split('/'));
