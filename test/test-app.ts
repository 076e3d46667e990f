import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { configureApp } from '../src/configure-app.js';
import { runMigrations } from '../src/database/data-source.js';

/**
 * A fresh database (a copy of the migrated template) and the real app on it, listening on a free
 * port, with the same pipes as main.ts. Tests talk to it over HTTP.
 */
export interface TestApp {
  app: NestExpressApplication;
  url: string;
  databaseUrl: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; problems?: { field: string; value: string | null; message: string }[] } }[];
}

export async function createTestDatabase(): Promise<string> {
  const template = process.env.LIENTHONG_TEST_TEMPLATE_URL;
  if (!template) throw new Error('LIENTHONG_TEST_TEMPLATE_URL is not set: run the tests through `npm test`');
  if (process.env.DATABASE_URL) return template;
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE lienthong_template`);
  } finally {
    await admin.end();
  }
  const u = new URL(template);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  await runMigrations(databaseUrl);
  const config = loadConfig({ ...env, DATABASE_URL: databaseUrl, PORT: '0' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: ['error'],
    bodyParser: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    app,
    url,
    databaseUrl,
    async gql<T>(query: string, variables?: Record<string, unknown>) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResult<T>;
      return { ...body, status: res.status };
    },
    async sql<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async close() {
      await pool.end();
      await app.close();
    },
  };
}
