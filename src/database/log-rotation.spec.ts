import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rotateLog } from './log-rotation.js';

describe('the embedded PostgreSQL log, bounded', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-log-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('moves a log over its size to .1, keeps a bounded number of older ones, and keeps writing to the emptied file', () => {
    const log = path.join(dir, 'pg.log');
    // As pg_ctl does: one descriptor opened to append, kept open across rotations.
    const fd = fs.openSync(log, 'a');
    for (let round = 1; round <= 8; round++) {
      fs.writeSync(fd, `round ${round} `.padEnd(200, 'x'));
      expect(rotateLog(log, 100, 3)).toBe(true);
      expect(fs.statSync(log).size).toBe(0);
      expect(rotateLog(log, 100, 3)).toBe(false);
    }
    fs.writeSync(fd, 'after');
    fs.closeSync(fd);
    expect(fs.readdirSync(dir).sort()).toEqual(['pg.log', 'pg.log.1', 'pg.log.2', 'pg.log.3']);
    expect(fs.readFileSync(`${log}.1`, 'utf8')).toMatch(/^round 8 /);
    expect(fs.readFileSync(`${log}.3`, 'utf8')).toMatch(/^round 6 /);
    // The next line lands at the start of the emptied file, not after a hole of the old size.
    expect(fs.readFileSync(log, 'utf8')).toBe('after');
    expect(fs.statSync(`${log}.1`).mode & 0o777).toBe(0o600);
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot("keeps the rotated copy its log's owner's when root rotates it (the service's user can still read it)", () => {
    const log = path.join(dir, 'owned.log');
    fs.writeFileSync(log, 'x'.repeat(200));
    fs.chownSync(log, 4321, 4322);
    expect(rotateLog(log, 100, 3)).toBe(true);
    const copy = fs.statSync(`${log}.1`);
    expect([copy.uid, copy.gid]).toEqual([4321, 4322]);
  });
});
