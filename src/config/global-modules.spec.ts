import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..');

/** Every Nest module of src/, as a path from src/ with forward slashes. */
const moduleFiles = () =>
  readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.module.ts'))
    .map((f) => f.split(path.sep).join('/'));

/** A global module hides who needs whom: each feature module lists the modules it uses in `imports`. */
describe('the module graph', () => {
  it('has no global module but the configuration', () => {
    const global = moduleFiles().filter((f) => /@Global\(\)|\bglobal:\s*true/.test(readFileSync(path.join(SRC, f), 'utf8')));
    expect(global).toEqual(['config/config.module.ts']);
  });
});
