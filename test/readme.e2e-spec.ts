import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The README is a newcomer's guide: every section once, every file it names inside the repository. */
describe('the README', () => {
  it('has each section once', () => {
    const headings = readme.split('\n').filter((l) => /^#{2,3} /.test(l));
    expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
  });

  it('links to nothing outside the repository, and every file it links to exists', () => {
    const links = [...readme.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^https?:/.test(l));
    for (const l of links)
      expect({ link: l, inside: !path.relative(ROOT, path.resolve(ROOT, l)).startsWith('..') }).toEqual({ link: l, inside: true });
    for (const l of links) expect({ link: l, exists: fs.existsSync(path.resolve(ROOT, l)) }).toEqual({ link: l, exists: true });
    expect(readme).not.toMatch(/`\.\.\/shared/);
  });

  it('says what package.json does: npm start serves the build npm install made', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // exec: npm's signals reach the server itself, not a shell between them (README "Running as a service").
    expect(pkg.scripts.start).toBe('exec node dist/src/main.js');
    expect(pkg.scripts.prepare).toBe('npm run build');
  });
});
