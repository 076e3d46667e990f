import path from 'node:path';

/** Whether `target` is `dir` itself or anything under it (both resolved): a backup never goes inside DATA_DIR. */
export function isWithin(dir: string, target: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(target));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
