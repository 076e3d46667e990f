import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuthService } from '../src/accounts/auth.service.js';
import { ServiceTokens } from '../src/accounts/service-tokens.service.js';
import { EnrolmentService } from '../src/accounts/enrolment.service.js';
import { cliPrincipal } from '../src/access/principal.js';
import { Role } from '../src/access/role.js';
import { totpCode } from '../src/accounts/totp.js';
import { parseKey, type PersonalDataKey } from '../src/personal-data/personal-data-key.js';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { configureApp } from '../src/configure-app.js';
import { runMigrations } from '../src/database/data-source.js';
import { RegisterService } from '../src/register/register.service.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';

/**
 * A fresh database (a copy of the migrated template) and the real app on it, listening on a free
 * port, with the same pipes as main.ts. Tests talk to it over HTTP.
 */
export interface TestApp {
  app: NestExpressApplication;
  url: string;
  /** The test database as the application's role (what the app under test and a CLI run use). */
  databaseUrl: string;
  /** The same database as its owner (the superuser of the test cluster). */
  ownerDatabaseUrl: string;
  key: PersonalDataKey;
  /** The key as LIENTHONG_KEY text, for a CLI run against this database. */
  keyText: string;
  /** A logged-in administrator's session token: what `gql` sends unless told otherwise. */
  adminToken: string;
  /** As a client would send it; `token: null` sends none. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string | null },
  ): Promise<GqlResult<T>>;
  /**
   * A user created as the CLI would, then enrolled as at her first log-in (enrolment password → TOTP
   * secret → her password and a code): her password and TOTP secret returned, the current code unused.
   */
  createUser(username: string, role: Role, organization?: string, unit?: string): Promise<TestUser>;
  /** Logs in over GraphQL with the password and the current TOTP code; returns the token. */
  logIn(user: TestUser): Promise<string>;
  /** A service token with this role and scope. */
  serviceToken(role: Role, organization?: string, unit?: string): Promise<string>;
  /**
   * SQL as the database's OWNER (not the application's role), for setting up and inspecting what
   * the API cannot reach; the app itself runs as the application's role (see databaseUrl).
   */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Imports roster rows (CSV lines under `header`) through the real importer, creating units; fails on any rejected row. */
  importRoster(organization: string, header: string, rows: string[]): Promise<void>;
  /** Imports population-register rows (CSV lines under REGISTER_HEADER). */
  importRegister(rows: string[]): Promise<void>;
  /** Creates units (each a `CreateUnitInput`) as the administrator, in order; fails on the first one refused. */
  createUnits(units: Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

export const REGISTER_HEADER = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã,Tình trạng,Ngày mất';

export interface TestUser {
  username: string;
  password: string;
  totpSecret: string;
}

export const CLI_PRINCIPAL = cliPrincipal('test');

export interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; problems?: { field: string; value: string | null; message: string }[] } }[];
}

/** SQL: an audit row other than the enrolment that `createUser` goes through (its start, and its LOGIN marked `enrolled`). */
export const AFTER_ENROLMENT = `NOT (action = 'ENROLMENT_STARTED' OR detail ? 'enrolled')`;

/**
 * Enrols a user through the service as the console does, confirming with the code of the previous
 * 30-second step (accepted as clock drift) so that a log-in right after has a fresh code. Its own
 * client address, so that the harness does not spend the tests' log-in budget.
 */
export async function enrol(service: EnrolmentService, username: string, enrolmentPassword: string): Promise<TestUser> {
  const ip = `harness-${randomBytes(4).toString('hex')}`;
  const { totpSecret } = await service.start({ username, enrolmentPassword }, ip);
  const password = `Mật khẩu thử ${randomBytes(6).toString('hex')}`;
  for (let attempt = 1; ; attempt++) {
    try {
      const code = totpCode(totpSecret, Date.now() - 30_000);
      await service.complete({ username, enrolmentPassword, newPassword: password, totpCode: code }, ip);
      return { username, password, totpSecret };
    } catch (e) {
      // The step turned between the code and its check: the previous step is now two back.
      if (attempt >= 2) throw e;
    }
  }
}

/** The test cluster's `postgres` database as its owner: where databases are created and dropped. */
export function clusterAdminUrl(): string {
  const u = new URL(process.env.LIENTHONG_TEST_TEMPLATE_URL!);
  u.pathname = '/postgres';
  return u.toString();
}

/** A new database copied from the migrated template; its URL as the owner (see appUrlOf). */
export async function createTestDatabase(): Promise<string> {
  const template = process.env.LIENTHONG_TEST_TEMPLATE_URL;
  if (!template) throw new Error('LIENTHONG_TEST_TEMPLATE_URL is not set: run the tests through `npm test`');
  if (process.env.DATABASE_URL) return template;
  const name = `test_${randomBytes(6).toString('hex')}`;
  // Connected to `postgres`, never to the template: a copy fails while anyone is connected to its
  // source, and two Jest workers copy it at once. A moment's other visitor (autovacuum) is waited out.
  const admin = new pg.Client({ connectionString: clusterAdminUrl() });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE lienthong_template`);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || attempt >= 40) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await admin.end();
  }
  const u = new URL(template);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The same database as the application's role (the role the server and the CLI use). */
export function appUrlOf(ownerUrl: string): string {
  const app = process.env.LIENTHONG_TEST_APP_URL;
  if (!app) throw new Error('LIENTHONG_TEST_APP_URL is not set: run the tests through `npm test`');
  const u = new URL(app);
  u.pathname = new URL(ownerUrl).pathname;
  return u.toString();
}

/**
 * `env` adds to the test configuration; `reuse` starts a second app on another one's database
 * and key (a restart, or a second process).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  reuse?: Pick<TestApp, 'ownerDatabaseUrl' | 'keyText'>,
): Promise<TestApp> {
  const ownerUrl = reuse?.ownerDatabaseUrl ?? (await createTestDatabase());
  const databaseUrl = appUrlOf(ownerUrl);
  const config = loadConfig({
    LIENTHONG_KEY: reuse?.keyText ?? randomBytes(32).toString('base64'),
    // Uploads and downloads pass through DATA_DIR: never the developer's own `.data`.
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-test-')),
    // The report schedule catches up at start: only the tests of it turn it on.
    REPORT_SCHEDULE: 'off',
    // Nor the shared figures counted at start, in the background of a test's own reads (figures-warm-up.e2e-spec.ts turns it on).
    FIGURES_WARM_UP: 'no',
    ...env,
    DATABASE_URL: databaseUrl,
    PORT: '0',
  });
  const key = parseKey(config.key!, 'LIENTHONG_KEY');
  await runMigrations(ownerUrl, key);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, key), {
    logger: ['error'],
    bodyParser: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  const auth = app.get(AuthService);
  const gql = async <T>(query: string, variables?: Record<string, unknown>, opts: { token?: string | null } = {}) => {
    const token = opts.token === undefined ? t.adminToken : opts.token;
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResult<T>;
    return { ...body, status: res.status };
  };
  const t: TestApp = {
    app,
    url,
    databaseUrl,
    ownerDatabaseUrl: ownerUrl,
    key,
    keyText: config.key!,
    adminToken: '',
    gql,
    async createUser(username, role, organization, unit) {
      const created = await auth.createUser({ username, role, organization, unit }, CLI_PRINCIPAL);
      return enrol(app.get(EnrolmentService), username, created.enrolmentPassword);
    },
    async logIn(user) {
      const r = await gql<{ logIn: { token: string } }>(
        `mutation ($input: LogInInput!) { logIn(input: $input) { token } }`,
        { input: { username: user.username, password: user.password, totpCode: totpCode(user.totpSecret, Date.now()) } },
        { token: null },
      );
      if (!r.data) throw new Error(`log-in of ${user.username} failed: ${JSON.stringify(r.errors)}`);
      return r.data.logIn.token;
    },
    async serviceToken(role, organization, unit) {
      const name = `test-${role.toLowerCase()}-${randomBytes(3).toString('hex')}`;
      return (await app.get(ServiceTokens).create({ name, role, organization, unit }, CLI_PRINCIPAL)).token;
    },
    async sql<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async importRoster(organization, header, rows) {
      const file = path.join(config.dataDir, `${organization}-${randomBytes(4).toString('hex')}.csv`);
      fs.writeFileSync(file, [header, ...rows].join('\n'));
      const s = await app.get(RosterImportService).import(file, { organization, createUnits: true }, CLI_PRINCIPAL);
      if (s.rejected) throw new Error(`${s.rejected} rows of ${organization} rejected: ${JSON.stringify(s)}`);
    },
    async createUnits(units) {
      for (const i of units) {
        const r = await gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i });
        if (r.errors) throw new Error(`unit ${JSON.stringify(i)} refused: ${JSON.stringify(r.errors)}`);
      }
    },
    async importRegister(rows) {
      const file = path.join(config.dataDir, `register-${randomBytes(4).toString('hex')}.csv`);
      fs.writeFileSync(file, [REGISTER_HEADER, ...rows].join('\n'));
      await app.get(RegisterService).import(file, CLI_PRINCIPAL);
    },
    async close() {
      await pool.end();
      // A test that read only a response's status leaves its connection busy: without this the
      // server's close waits for the client to give up on it (seconds per app).
      app.getHttpServer().closeAllConnections();
      await app.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
  t.adminToken = await t.logIn(await t.createUser(reuse ? `quantri-${randomBytes(3).toString('hex')}` : 'quantri', Role.ADMIN));
  return t;
}
