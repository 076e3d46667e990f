import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { configureApp } from './configure-app.js';
import { openDatabase } from './database/open-database.js';
import { VietnamLogger } from './common/logging/vietnam-logger.js';

const log = (m: string) => process.stderr.write(`[lienthong] ${m}\n`);

async function bootstrap(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
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
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, db.url, db.key), {
      logger: new VietnamLogger(['error', 'warn']),
      bodyParser: false,
    });
    configureApp(app);
    await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  } catch (e) {
    await app?.close().catch(() => undefined);
    await db.release();
    throw e;
  }
  const address = `http://localhost:${config.port}/graphql`;
  const page = config.graphqlDevTools
    ? 'GraphQL và trang truy vấn'
    : 'GraphQL (trang truy vấn và introspection tắt: GRAPHQL_DEV_TOOLS=true để bật)';
  log(`sẵn sàng sau ${Date.now() - started} ms: ${page} tại ${address} (cơ sở dữ liệu: ${db.description})`);
}

bootstrap().catch((e: unknown) => {
  log(`không khởi động được: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
