// The layers of src/ (README "Where things live"): a folder imports only folders of a lower group,
// so no import goes up and no two folders import each other. Enforced by `npm run lint`.
import path from 'node:path';

/** Lowest first. Folders in one group are siblings: they never import each other. */
export const LAYERS = [
  ['common'],
  ['config'],
  ['access'],
  ['audit', 'personal-data', 'geography'],
  ['membership'],
  ['organizations', 'accounts', 'register'],
  ['roster-io', 'linker'],
  ['reports'],
  ['demo'],
  ['database'],
  ['backups'],
  ['(root)'],
  ['cli'],
];
/** The same inside a folder, for its subfolders ('(root)': the folder's own files). */
export const SUBLAYERS = {
  // Each folder's subfolder order is added by the step of the redesign that makes its subfolders:
  membership: [['status'], ['organization'], ['unit'], ['member-record'], ['(root)']],
  // 'roster-io': [['template'], ['import', 'export'], ['(root)']],
  // linker: [['model', 'phantoms'], ['storage'], ['batch', 'incremental', 'review', 'flags'], ['(root)']],
  // reports: [['figures'], ['storage'], ['counting', 'reading'], ['run', 'documents'], ['(root)']],
  cli: [['kit'], ['commands'], ['(root)']],
};
/** Folders only these files may import (outside the folder itself). */
export const ONLY_FROM = { demo: ['src/cli/commands/seed.command.ts'] };

const rankIn = (groups, unit) => groups.findIndex((g) => g.includes(unit));
function placeOf(file, srcDir) {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts.length === 1) return ['(root)'];
  if (!SUBLAYERS[parts[0]]) return [parts[0]];
  return [parts[0], parts.length === 2 ? '(root)' : parts[1]];
}
const rule = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      upward: "'{{from}}' may not import '{{to}}': it is not in a lower layer (eslint/layers.js)",
      unknown: "'{{unit}}' is in no layer: add it to eslint/layers.js",
      only: "'{{to}}' may be imported only by {{allowed}}",
    },
  },
  create(context) {
    const file = context.filename;
    const srcDir = path.join(context.cwd, 'src');
    const from = placeOf(file, srcDir);
    if (from === null || file.endsWith('.spec.ts')) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = placeOf(path.resolve(path.dirname(file), spec), srcDir);
      if (to === null) return;
      const same = from[0] === to[0];
      if (same && (from.length === 1 || from[1] === to[1])) return;
      const groups = same ? SUBLAYERS[from[0]] : LAYERS;
      const [a, b] = same ? [from[1], to[1]] : [from[0], to[0]];
      for (const u of [a, b]) if (rankIn(groups, u) < 0) return context.report({ node, messageId: 'unknown', data: { unit: u } });
      if (rankIn(groups, b) >= rankIn(groups, a))
        return context.report({ node, messageId: 'upward', data: { from: from.join('/'), to: to.join('/') } });
      const allowed = !same && ONLY_FROM[b];
      const me = path.relative(context.cwd, file).split(path.sep).join('/');
      if (allowed && !allowed.includes(me)) context.report({ node, messageId: 'only', data: { to: b, allowed: allowed.join(', ') } });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
export default { rules: { 'no-upward-import': rule } };
