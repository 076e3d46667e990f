import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `lienthong --help` speaks Vietnamese, as every other message of the command line: the commands'
 * own words and Commander's (titles, [options], defaults, the help option and command), for the
 * program and for every command under it. No database: help is printed before any is opened.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

const help = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/lienthong.js'), ...args], { encoding: 'utf8' });

/** Commander's English, as its help.js and command.js write it. */
const ENGLISH = /Usage:|Options:|Commands:|Arguments:|display help|\[options\]|\[command\]|\(default:|choices:|preset:|env:/;
/** An English word of a description left untranslated. */
const ENGLISH_WORDS = /\b(the|and|of|when|from|into|only|default|write)\b/i;

describe('lienthong --help, in Vietnamese', () => {
  it('lists the commands under Vietnamese titles, its placeholders and the help command in Vietnamese', () => {
    const r = help('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Cách dùng: lienthong \[tùy chọn\] \[lệnh\]\n/);
    expect(r.stdout).toMatch(/\nTùy chọn:\n {2}-V, --version +in phiên bản của chương trình và của cấu\s+trúc dữ liệu\n {2}-h, --help /);
    expect(r.stdout).toContain('\nLệnh:\n  org ');
    expect(r.stdout).toMatch(/\n {2}import \[tùy chọn\] <FILE> +nhập danh sách hội viên/);
    expect(r.stdout).toMatch(/\n {2}help \[lệnh\] +hiện trợ giúp của lệnh\n/);
    expect(r.stdout).not.toMatch(ENGLISH);
  });

  it('says a command’s options in Vietnamese, the option names and role codes kept as scripts type them', () => {
    const r = help('user', 'create', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Cách dùng: lienthong user create \[tùy chọn\]\n\ntạo tài khoản; in mật khẩu lần đầu \(dùng trong 72 giờ\)/);
    expect(r.stdout).toContain('\nTùy chọn:\n  --username <U> ');
    expect(r.stdout).toMatch(/--role <ROLE> +vai trò, một trong: ADMIN \(Quản trị viên\); SECRETARIAT/);
    expect(r.stdout).toMatch(/--unit <U> +với SECRETARIAT: chỉ đơn vị này và các đơn vị trực thuộc/);
    expect(r.stdout).toMatch(/-h, --help +hiện trợ giúp của lệnh\n/);
    expect(r.stdout).not.toMatch(ENGLISH);
    // Its arguments under their own title; a default said in Vietnamese.
    expect(help('user', 'reset', '--help').stdout).toMatch(/\nTham số:\n {2}USERNAME +tên đăng nhập/);
    expect(help('template', '--help').stdout).toMatch(/--format <csv\|xlsx> +định dạng tệp: csv hoặc xlsx \(mặc định: "xlsx"\)/);
    // `help <command>` as `<command> --help`.
    expect(help('help', 'user').stdout).toBe(help('user', '--help').stdout);
  });

  it('has no English left in the help of any command', () => {
    // Every command, walked in one process: the built program's commands, as main.ts adds them.
    const dir = path.join(ROOT, 'dist/src/cli');
    const script = `import 'reflect-metadata';
      import fs from 'node:fs';
      import { newProgram } from '${pathToFileURL(path.join(dir, 'kit/cli-kit.js')).href}';
      const program = newProgram();
      for (const f of fs.readdirSync('${path.join(dir, 'commands')}').filter((f) => f.endsWith('.command.js')))
        for (const [name, add] of Object.entries(await import('${pathToFileURL(path.join(dir, 'commands')).href}/' + f)))
          if (/Commands?$/.test(name)) add(program);
      const walk = (c, names) => [[names.join(' '), c.helpInformation()], ...c.commands.flatMap((s) => walk(s, [...names, s.name()]))];
      process.stdout.write(JSON.stringify(walk(program, ['lienthong'])));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const helps = JSON.parse(r.stdout) as [string, string][];
    expect(helps.length).toBeGreaterThan(25);
    expect(helps.map(([c]) => c)).toEqual(expect.arrayContaining(['lienthong', 'lienthong user reset', 'lienthong token list']));
    // Option names (`--read-only`) are kept as scripts type them: only the words around them are read.
    const words = (text: string) => text.replace(/--[\w-]+/g, '');
    const english = helps.filter(([, text]) => ENGLISH.test(text) || ENGLISH_WORDS.test(words(text)) || !text.startsWith('Cách dùng: '));
    expect(english).toEqual([]);
  });
});
