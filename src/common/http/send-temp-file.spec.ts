import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keepUpload } from '../../roster-io/import/kept-uploads.js';
import { privateDir, privateUploadDir } from './send-temp-file.js';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/**
 * Folders for personal data are this user's only — and nothing above them is touched: DATA_DIR
 * stays passable (0711) for PostgreSQL's own user when the server runs as root. A preview's kept
 * upload once made DATA_DIR 0700 and the cluster stopped at its next checkpoint.
 */
describe('private folders under DATA_DIR', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-private-'));
    fs.chmodSync(dataDir, 0o711);
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('makes the folder 0700 and leaves its parent as it was', () => {
    const dir = privateDir(path.join(dataDir, 'previews'));
    expect([mode(dir), mode(dataDir)]).toEqual([0o700, 0o711]);
  });

  it("makes this process's upload folder and DATA_DIR/uploads 0700, DATA_DIR left as it was", () => {
    fs.mkdirSync(path.join(dataDir, 'uploads'), { mode: 0o755 });
    const dir = privateUploadDir(dataDir);
    expect(dir).toBe(path.join(dataDir, 'uploads', String(process.pid)));
    expect([mode(dir), mode(path.dirname(dir)), mode(dataDir)]).toEqual([0o700, 0o700, 0o711]);
  });

  it('keeps a previewed upload without closing DATA_DIR', async () => {
    const upload = path.join(dataDir, 'roster.csv');
    fs.writeFileSync(upload, 'Họ và tên\nLò Thị Mai\n');
    const kept = await keepUpload(dataDir, 'job-1', upload);
    expect([mode(kept), mode(path.dirname(kept)), mode(dataDir)]).toEqual([0o600, 0o700, 0o711]);
  });
});

/** A download its receiver breaks off (a closed tab) ends quietly: no error for the server to log with its stack, no file left. */
describe('a download broken off', () => {
  it('resolves and removes its temporary file', async () => {
    const { default: express } = await import('express');
    const http = await import('node:http');
    const { sendTempFile } = await import('./send-temp-file.js');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-download-'));
    let ended: Promise<void> | undefined;
    const app = express();
    app.get('/f', (_req, res) => {
      ended = sendTempFile(res, dataDir, 'danh-sach.csv', (out) => fs.promises.writeFile(out, Buffer.alloc(64 * 1024 * 1024, 'a')));
    });
    const server = app.listen(0);
    try {
      const port = (server.address() as { port: number }).port;
      await new Promise<void>((resolve) => {
        const req = http.get({ port, path: '/f' }, (res) => res.once('data', () => (req.destroy(), resolve())));
      });
      await expect(ended).resolves.toBeUndefined();
      expect(fs.readdirSync(path.join(dataDir, 'uploads', String(process.pid)))).toEqual([]);
    } finally {
      server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
