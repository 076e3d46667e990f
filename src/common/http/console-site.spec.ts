import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { serveConsole } from './console-site.js';

@Module({})
class Nothing {}

/** The console's page as a rebuild leaves it: read again when it changed, a clear 503 while it is missing. */
describe('the console page across a rebuild', () => {
  let app: NestExpressApplication;
  let url: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-console-'));
  const index = path.join(dir, 'index.html');
  const get = async () => {
    const res = await fetch(`${url}/`);
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(index, '<script src="/assets/index-OLD.js"></script>');
    app = await NestFactory.create<NestExpressApplication>(Nothing, { logger: false });
    serveConsole(app, dir);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page the last build wrote, not the one it started with', async () => {
    expect(await get()).toEqual({ status: 200, text: '<script src="/assets/index-OLD.js"></script>' });
    fs.writeFileSync(index, '<script src="/assets/index-NEW.js"></script>');
    fs.utimesSync(index, new Date(), new Date(Date.now() + 5000));
    expect(await get()).toEqual({ status: 200, text: '<script src="/assets/index-NEW.js"></script>' });
  });

  it('says how to build it while there is no page (a build under way), and serves it once there', async () => {
    fs.rmSync(index);
    expect(await get()).toEqual({ status: 503, text: 'Chưa dựng giao diện web: chạy `npm run build` rồi tải lại trang.' });
    fs.writeFileSync(index, '<p>ok</p>');
    expect(await get()).toEqual({ status: 200, text: '<p>ok</p>' });
  });
});
