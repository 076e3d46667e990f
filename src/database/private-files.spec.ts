import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adoptDataDir, dataDirOwner, secretFile } from './private-files.js';

/** Run as root (as the tests are here): what `sudo lienthong …` makes in the service user's DATA_DIR stays that user's. */
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot("DATA_DIR's files under root", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-owner-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const owner = (p: string) => [fs.lstatSync(p).uid, fs.lstatSync(p).gid];

  it("belong to DATA_DIR's owner when another user owns it, the cluster left to its server", () => {
    const dataDir = path.join(dir, 'service');
    fs.mkdirSync(path.join(dataDir, 'previews'), { recursive: true });
    fs.mkdirSync(path.join(dataDir, 'pg'));
    for (const f of ['lienthong.key', 'previews/job.xlsx', 'pg/PG_VERSION']) fs.writeFileSync(path.join(dataDir, f), '');
    fs.chownSync(dataDir, 4321, 4322);
    expect(dataDirOwner(dataDir)).toEqual({ uid: 4321, gid: 4322 });

    secretFile(path.join(dataDir, 'pg-app-password'));
    expect(owner(path.join(dataDir, 'pg-app-password'))).toEqual([4321, 4322]);
    adoptDataDir(dataDir);
    for (const f of ['lienthong.key', 'previews', 'previews/job.xlsx'])
      expect([f, ...owner(path.join(dataDir, f))]).toEqual([f, 4321, 4322]);
    expect(owner(path.join(dataDir, 'pg/PG_VERSION'))).toEqual([0, 0]);
  });

  it("stay root's in root's DATA_DIR", () => {
    const dataDir = path.join(dir, 'root');
    fs.mkdirSync(dataDir);
    expect(dataDirOwner(dataDir)).toBeNull();
    secretFile(path.join(dataDir, 'pg-password'));
    adoptDataDir(dataDir);
    expect(owner(path.join(dataDir, 'pg-password'))).toEqual([0, 0]);
  });
});
