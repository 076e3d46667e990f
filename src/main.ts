import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { parentPid } from './common/process/is-alive.js';
import { loadConfig } from './config/app-config.js';
import { configureApp } from './configure-app.js';
import { startFailure } from './start-failure.js';
import { assertPortFree, serverAddress } from './server-address.js';
import { openDatabase } from './database/open-database.js';
import { VietnamLogger } from './common/logging/vietnam-logger.js';

const log = (m: string) => process.stderr.write(`[lienthong] ${m}\n`);

async function bootstrap(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  // PORT 0 (a free port chosen by the system) needs no asking.
  if (config.port) await assertPortFree(config.port, process.env.HOST ?? '127.0.0.1');
  const db = await openDatabase(config, log);
  let app: NestExpressApplication | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: đang dừng`);
    try {
      await app?.close();
    } finally {
      await db.release();
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  watchNpmParent(() => void stop('npm start không còn'));
  db.watchServer((message) => {
    if (stopping) return;
    stopping = true;
    // Nothing can be served or saved without it: exit non-zero at once, so that the service manager
    // starts the server again (README's unit: Restart=on-failure) on a cluster started afresh.
    log(`${message}: máy chủ dừng với mã 1 để được khởi động lại`);
    void Promise.race([db.release().catch(() => undefined), sleep(RELEASE_WAIT_MS)]).finally(() => process.exit(1));
  });
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, db.url, db.key), {
      logger: new VietnamLogger(['error', 'warn']),
      bodyParser: false,
    });
    configureApp(app);
    await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  } catch (e) {
    // Stopping on purpose: the PostgreSQL it stops now is not one that died (the watch above would exit first, unsaid why).
    stopping = true;
    await app?.close().catch(() => undefined);
    await db.release();
    throw e;
  }
  const { url: address, note } = serverAddress(process.env.HOST ?? '127.0.0.1', config.port);
  const page = config.graphqlDevTools
    ? 'GraphQL và trang truy vấn'
    : 'GraphQL (trang truy vấn và introspection tắt: GRAPHQL_DEV_TOOLS=true để bật)';
  log(
    `sẵn sàng sau ${Date.now() - started} ms: trang quản lý tại ${address}${note}, ${page} tại ${address}graphql (cơ sở dữ liệu: ${db.description})`,
  );
}

/** How long a server whose PostgreSQL died waits to let go of DATA_DIR before it exits anyway. */
const RELEASE_WAIT_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Under `npm start` the server's parent is npm: when npm is gone (killed, or a signal it did not
 * pass on) the server stops too, never left running as an orphan on the port and DATA_DIR.
 */
function watchNpmParent(onGone: () => void): void {
  if (process.env.npm_lifecycle_event !== 'start') return;
  const parent = process.ppid;
  setInterval(() => {
    if (parentPid() !== parent) onGone();
  }, 500).unref();
}

bootstrap().catch((e: unknown) => {
  log(`không khởi động được: ${startFailure(e)}`);
  process.exit(1);
});
