import path from 'node:path';
import { Linter } from 'eslint';
// @ts-expect-error -- the rule is plain JavaScript (eslint/layers.js), loaded by ESLint itself
import layers from '../eslint/layers.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** What `eslint/layers.js` says of one import written in one file of src/. */
function problems(file: string, importLine: string): string[] {
  const linter = new Linter({ configType: 'flat', cwd: ROOT });
  const config = [{ files: ['**/*.ts'], plugins: { layers: layers as never }, rules: { 'layers/no-upward-import': 'error' as const } }];
  return linter.verify(`${importLine}\n`, config, { filename: path.join(ROOT, file) }).map((m) => m.message);
}

/** The layers of src/ (README "Where things live"): no import up, no two folders importing each other. */
describe('the layering rule', () => {
  it.each([
    ['src/linker/linker.service.ts', "import { x } from '../common/text/vietnamese-text.js';"],
    ['src/reports/reports.service.ts', "import { x } from '../linker/clustering.js';"],
    ['src/linker/model.ts', "import { x } from './compare.js';"],
    ['src/cli/commands/seed.command.ts', "import { x } from '../../demo/demo-province.js';"],
    ['src/linker/compare.spec.ts', "import { x } from '../reports/period.js';"],
  ])('lets %s import downward: %s', (file, line) => {
    expect(problems(file, line)).toEqual([]);
  });

  it.each([
    ['src/common/text/x.ts', "import { x } from '../../linker/clustering.js';", "'common' may not import 'linker'"],
    ['src/linker/x.ts', "import { x } from '../roster-io/csv-file.js';", "'linker' may not import 'roster-io'"],
    ['src/membership/x.ts', "export { x } from '../access/principal.js';", ''],
    ['src/access/x.ts', "import { x } from '../membership/status/member-status.js';", "'access' may not import 'membership/status'"],
    [
      'src/membership/organization/x.ts',
      "import { x } from '../member-record/record-writer.js';",
      "'membership/organization' may not import 'membership/member-record'",
    ],
    ['src/cli/kit/x.ts', "import { x } from '../commands/seed.command.js';", "'cli/kit' may not import 'cli/commands'"],
    [
      'src/database/x.ts',
      "import { x } from '../demo/demo-province.js';",
      "'demo' may be imported only by src/cli/commands/seed.command.ts",
    ],
    ['src/cli/main.ts', "import { x } from '../demo/demo-province.js';", "'demo' may be imported only by src/cli/commands/seed.command.ts"],
    ['src/newfolder/x.ts', "import { x } from '../common/errors/domain-error.js';", "'newfolder' is in no layer"],
  ])('refuses in %s: %s', (file, line, message) => {
    const found = problems(file, line);
    if (message === '') expect(found).toEqual([]);
    else expect(found.join(' ')).toContain(message);
  });
});
