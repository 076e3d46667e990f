import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { assertWritableFolder } from './base-backup.js';
import { readTar, TarWriter } from './tar-archive.js';

describe('the backup archive', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-tar-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads back what it wrote, long names included, and GNU tar lists it', async () => {
    const src = path.join(dir, 'src.bin');
    fs.writeFileSync(src, Buffer.alloc(3000, 7));
    const file = path.join(dir, 'a.tar.gz');
    const tar = new TarWriter(file);
    const long = `pg/${'d'.repeat(120)}/${'f'.repeat(90)}`;
    await tar.directory('pg');
    await tar.buffer(long, Buffer.from('hello'));
    expect(await tar.file('pg/src.bin', src)).toBe(true);
    expect(await tar.file('pg/gone', path.join(dir, 'missing'))).toBe(false);
    await tar.close();
    const seen: [string, boolean, number, string][] = [];
    await readTar(file, async (e, chunks) => {
      const parts: Buffer[] = [];
      for await (const c of chunks) parts.push(c);
      seen.push([e.name, e.directory, e.size, Buffer.concat(parts).subarray(0, 5).toString('latin1')]);
    });
    expect(seen).toEqual([
      ['pg', true, 0, ''],
      [long, false, 5, 'hello'],
      ['pg/src.bin', false, 3000, '\u0007'.repeat(5)],
    ]);
    const listed = spawnSync('tar', ['tzf', file], { encoding: 'utf8' });
    expect(listed.stdout.trim().split('\n')).toEqual(['pg/', long, 'pg/src.bin']);
  });

  it('fails the writing, not the process, on a full disk or a file it cannot create: the error at the next write and at close', async () => {
    // /dev/full: every write is ENOSPC, as on a full backup disk.
    const full = new TarWriter('/dev/full');
    let failed: unknown = null;
    try {
      for (let i = 0; i < 200; i++) await full.buffer(`pg/${i}`, Buffer.alloc(64 * 1024, i));
    } catch (e) {
      failed = e;
    }
    expect(failed).toMatchObject({ code: 'ENOSPC' });
    await expect(full.close()).rejects.toMatchObject({ code: 'ENOSPC' });
    // A file that cannot be opened (its folder is a file): refused at the first write or at close.
    fs.writeFileSync(path.join(dir, 'plain'), '');
    const nowhere = new TarWriter(path.join(dir, 'plain', 'x.tar.gz'));
    await expect(
      (async () => {
        await nowhere.buffer('x', Buffer.from('x'));
        await nowhere.close();
      })(),
    ).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it("checks the backup's folder before the backup starts: missing, or not writable", () => {
    expect(() => assertWritableFolder(path.join(dir, 'nodir', 'x.tar.gz'))).toThrow(
      /^không có thư mục .*nodir để ghi bản sao lưu: tạo thư mục trước/,
    );
    expect(() => assertWritableFolder(path.join(dir, 'x.tar.gz'))).not.toThrow();
  });

  it('says in Vietnamese what is wrong with an archive it cannot read: missing, cut short, not a backup', async () => {
    const good = path.join(dir, 'good.tar.gz');
    const tar = new TarWriter(good);
    await tar.buffer('pg/x', Buffer.alloc(200_000, 1));
    await tar.close();
    const cut = path.join(dir, 'cut.tar.gz');
    fs.writeFileSync(cut, fs.readFileSync(good).subarray(0, 100));
    const text = path.join(dir, 'text.tar.gz');
    fs.writeFileSync(text, 'không phải tệp nén');
    const read = (f: string) =>
      readTar(f, async (_e, chunks) => {
        for await (const c of chunks) void c;
      });
    await expect(read(path.join(dir, 'nothere.tar.gz'))).rejects.toThrow(/^không có tệp sao lưu .*nothere\.tar\.gz/);
    await expect(read(cut)).rejects.toThrow(/bị hỏng hoặc bị cắt ngắn/);
    await expect(read(text)).rejects.toThrow(/bị hỏng hoặc bị cắt ngắn/);

    // Damaged inside (gzip intact around bytes that are no longer a header): no file named after garbage, the same sentence.
    const plain = zlib.gunzipSync(fs.readFileSync(good));
    const garbage = Buffer.from(plain);
    garbage.fill(0xe9, 0, 64);
    const damaged = path.join(dir, 'damaged.tar.gz');
    fs.writeFileSync(damaged, zlib.gzipSync(garbage));
    const names: string[] = [];
    await expect(readTar(damaged, (e) => Promise.resolve(void names.push(e.name)))).rejects.toThrow(/bị hỏng hoặc bị cắt ngắn/);
    expect(names).toEqual([]);
  });
});
