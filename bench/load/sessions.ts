/**
 * The benchmark's sessions, made before the run as an operator would: the first administrator from
 * the CLI, users — secretariats of each organization (the whole organization or
 * one unit's subtree) and Ban Dân vận — each logged in with password + TOTP. Log-ins come from many
 * loopback addresses, as they would from many offices (the log-in throttle counts per address).
 * The sessions are kept in `DATA_DIR/bench-sessions.json` and reused while they last.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { totpCode } from '../../src/accounts/totp.js';
import { enrol } from '../bench-tools.js';
import type { GqlClient } from './loops.js';

export interface UnitRow {
  organization: string;
  code: string;
  path: string;
}

export interface Session {
  token: string;
  role: 'SECRETARIAT' | 'DAN_VAN';
  organization: string | null;
  /** The unit a unit-level secretariat is limited to (its path, for picking records in scope). */
  unit: UnitRow | null;
  /** A Ban Dân vận user's home commune (its dashboard). */
  commune: string | null;
}

/** Where every user works: 30 % Ban Dân vận, the rest secretariats (a third for a whole organization). */
export function plan(n: number, units: UnitRow[], organizations: string[], communes: string[], rand: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  return Array.from({ length: n }, (_, i): Omit<Session, 'token'> => {
    const r = rand();
    if (r < 0.3) return { role: 'DAN_VAN', organization: null, unit: null, commune: pick(communes) };
    if (r < 0.53) return { role: 'SECRETARIAT', organization: organizations[i % organizations.length], unit: null, commune: null };
    const unit = pick(units);
    return { role: 'SECRETARIAT', organization: unit.organization, unit, commune: null };
  });
}

/** Runs `fn` over `items`, `width` at a time. */
async function eachLimited<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

const LOG_IN = 'mutation($i: LogInInput!) { logIn(input: $i) { token } }';

async function logIn(client: GqlClient, username: string, password: string, secret: string, address: string): Promise<string> {
  const data = await client.gql<{ logIn: { token: string } }>(
    LOG_IN,
    { i: { username, password, totpCode: totpCode(secret, Date.now()) } },
    null,
    address,
  );
  return data.logIn.token;
}

/**
 * The first administrator (CLI), one user created over GraphQL (both enrolled as at a first log-in), and `wanted` users made in SQL as
 * copies of it (its password hash and sealed TOTP secret, another name, role and scope: an argon2
 * hash each would take the set-up half an hour on two shared cores); then each logs in over
 * GraphQL with the password and a TOTP code (an argon2 check each, as in life).
 */
async function makeSessions(
  root: string,
  env: NodeJS.ProcessEnv,
  client: GqlClient,
  db: pg.Pool,
  wanted: Omit<Session, 'token'>[],
  log: (m: string) => void,
) {
  const tag = Date.now().toString(36);
  const adminPassword = 'Mật khẩu quản trị đủ dài 2026';
  const created = spawnSync(
    process.execPath,
    [path.join(root, 'bin/lienthong.js'), 'user', 'create', '--username', `qt-${tag}`, '--role', 'ADMIN', '--password-stdin'],
    { env, input: `${adminPassword}\n`, encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(created.stderr);
  const firstLogIn = <T>(query: string, variables: Record<string, unknown>) => client.gql<T>(query, variables, null, '127.0.0.1');
  const enrolled = await enrol(firstLogIn, `qt-${tag}`, adminPassword, `${adminPassword} của tôi`);
  const admin = await logIn(client, enrolled.username, enrolled.password, enrolled.totpSecret, '127.0.0.1');
  const password = 'Mật khẩu người dùng đủ dài 2026';
  const template = await client.gql<{ createUser: { enrolmentPassword: string } }>(
    'mutation($i: CreateUserInput!) { createUser(input: $i) { enrolmentPassword } }',
    { i: { username: `mau-${tag}`, role: 'DAN_VAN' } },
    admin,
  );
  const { totpSecret } = await enrol(firstLogIn, `mau-${tag}`, template.createUser.enrolmentPassword, password);
  const names = wanted.map((_, i) => `nd-${tag}-${i}`);
  await db.query(
    `INSERT INTO app_user (username, password_hash, totp_secret_sealed, role, organization_code, unit_id)
     SELECT x.username, t.password_hash, t.totp_secret_sealed, x.role, x.org, u.id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(username, role, org, unit_code)
       CROSS JOIN (SELECT password_hash, totp_secret_sealed FROM app_user WHERE username = $5) t
       LEFT JOIN unit u ON u.organization_code = x.org AND u.code = x.unit_code`,
    [names, wanted.map((w) => w.role), wanted.map((w) => w.organization), wanted.map((w) => w.unit?.code ?? null), `mau-${tag}`],
  );
  const sessions: Session[] = [];
  const started = Date.now();
  await eachLimited(wanted, 4, async (w, i) => {
    // 15 log-ins an address: well under the throttle's 200 an address in 15 minutes.
    sessions[i] = { ...w, token: await logIn(client, names[i], password, totpSecret, `127.0.0.${2 + (i % 100)}`) };
    if ((i + 1) % 250 === 0) log(`${i + 1} users logged in (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  });
  return sessions;
}

/** The kept sessions when they still work, else new ones (kept for the next run). */
export async function sessionsFor(
  dataDir: string,
  root: string,
  env: NodeJS.ProcessEnv,
  client: GqlClient,
  db: pg.Pool,
  wanted: () => Omit<Session, 'token'>[],
  log: (m: string) => void,
): Promise<Session[]> {
  const file = path.join(dataDir, 'bench-sessions.json');
  const n = wanted().length;
  if (fs.existsSync(file)) {
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { until: number; sessions: Session[] };
    const alive = kept.until > Date.now() + 3_600_000 && kept.sessions.length >= n;
    if (alive && (await client.gql<{ me: { name: string } }>('{ me { name } }', {}, kept.sessions[0].token).catch(() => null))) {
      log(`reusing ${n} sessions from ${file}`);
      return kept.sessions.slice(0, n);
    }
  }
  const sessions = await makeSessions(root, env, client, db, wanted(), log);
  const minutes = Number(env.SESSION_MINUTES ?? 60);
  fs.writeFileSync(file, JSON.stringify({ until: Date.now() + minutes * 60_000, sessions }), { mode: 0o600 });
  return sessions;
}
