import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../common/files/project-root.js';

/** The built kit (`npm run build`), as the command line runs it. */
const KIT = pathToFileURL(path.join(projectRoot(), 'dist/src/cli/kit/cli-kit.js')).href;

describe('how a command ends', () => {
  it('exits 1 with a Vietnamese line, never 0, when its work stops with nothing left to wait for', () => {
    // A write that failed without a word leaves the command waiting on nothing: the process would end as if done.
    const script = `import { newProgram, runCli } from '${KIT}';
      void runCli(() => newProgram().action(() => new Promise(() => undefined)));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect([r.status, r.stderr.trim()]).toEqual([1, expect.stringContaining('lienthong: lệnh dừng giữa chừng, chưa xong')]);
  });

  it('exits 0 when its work is done', () => {
    const script = `import { newProgram, runCli } from '${KIT}';
      void runCli(() => newProgram().action(async () => { process.stdout.write('xong\\n'); }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([0, 'xong\n']);
  });
});
