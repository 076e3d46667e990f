import path from 'node:path';
import { isWithin } from '../common/files/within.js';
import type { PeriodKind } from '../common/dates/period.js';
import { loadReportForm, type ReportForm } from './report-form.js';

/** The environment the product reads, validated once at start-up. */
export interface AppConfig {
  port: number;
  /** Local folder: the embedded cluster, its lock, keys and exports. */
  dataDir: string;
  /** Where a backup started from the console is written (`BACKUP_DIR`, default `backups` beside DATA_DIR). */
  backupDir: string;
  /** An external PostgreSQL, as the application's role; when absent the embedded one in `dataDir` is used. */
  databaseUrl: string | null;
  /** `DATABASE_OWNER_URL`: the same database as the role that owns the schema, for migrations and grants. */
  databaseOwnerUrl: string | null;
  /** `DATABASE_ALLOW_OWNER=yes`: start even when DATABASE_URL's role could rewrite the audit log (with a warning). */
  allowOwnerRole: boolean;
  /** GSO code of the province this instance serves (e.g. `11`, `80`), or null. */
  province: string | null;
  production: boolean;
  /** `GRAPHQL_DEV_TOOLS=true`: introspection and the query page at /graphql (off unless asked; never with NODE_ENV=production). */
  graphqlDevTools: boolean;
  /** API requests a token (or an address without one) may make per minute (`API_REQUESTS_PER_MINUTE`, default 600). */
  requestsPerMinute: number;
  /** Requests of one token running at once (`API_REQUESTS_IN_FLIGHT`, default 4). */
  requestsInFlight: number;
  /** Longest a database statement of a GraphQL request may run, in ms (`QUERY_TIMEOUT_SECONDS`, default 30). */
  queryTimeoutMs: number;
  /** `LIENTHONG_KEY` (the personal-data key) when given; else the key file in `dataDir`. */
  key: string | null;
  /** How long a log-in lasts, in minutes. */
  sessionMinutes: number;
  /** Which periods the server reports on by itself, after each ends (`REPORT_SCHEDULE`, default quarter; `off`: none). */
  reportSchedule: PeriodKind[];
  /** The scopes of those reports (`REPORT_SCOPES`, default province). */
  reportScopes: string[];
  /** Count the province's shared figures in the background at start (`FIGURES_WARM_UP`, default true; the in-process tests turn it off). */
  figuresWarmUp: boolean;
  /** Below this much free space on DATA_DIR's disk the server warns, in its log and on /health (`DISK_FREE_MIN_MB`, default 2048). */
  diskFreeMinBytes: number;
  /**
   * `TRUST_PROXY`: Express's `trust proxy` (e.g. `loopback` behind nginx or Caddy on the same
   * machine), so the client's address — what the request rate counts without a token and what the
   * audit log keeps — is the one the proxy forwarded, not the proxy's. Null: not trusted.
   */
  trustProxy: string | null;
  /** The official form of the report's PDF (`REPORT_FORM_FILE`, a JSON file; none: the blank form). */
  reportForm: ReportForm;
}

const SCHEDULE_KINDS: Record<string, PeriodKind> = { month: 'MONTH', quarter: 'QUARTER', year: 'YEAR' };

function reportSchedule(text: string | undefined): PeriodKind[] {
  const t = (text ?? 'quarter').trim().toLowerCase();
  if (t === 'off' || t === '') return [];
  const kinds = t.split(',').map((k) => k.trim());
  const bad = kinds.find((k) => !SCHEDULE_KINDS[k]);
  if (bad !== undefined)
    throw new ConfigError(
      `REPORT_SCHEDULE='${text}': '${bad}' không phải month, quarter hay year (ghi một hoặc nhiều, cách nhau dấu phẩy; hoặc off để tắt)`,
    );
  return [...new Set(kinds.map((k) => SCHEDULE_KINDS[k]))];
}

export class ConfigError extends Error {}

function yes(text: string | undefined, name: string): boolean {
  const t = (text ?? '').trim().toLowerCase();
  if (['', '0', 'no', 'false'].includes(t)) return false;
  if (['1', 'yes', 'true'].includes(t)) return true;
  throw new ConfigError(`${name}='${text}': ghi yes hoặc no`);
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}='${env[name]}': ghi một số nguyên từ ${min} đến ${max}`);
  return n;
}

function queryTimeoutMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env.QUERY_TIMEOUT_SECONDS ?? 30);
  if (!Number.isFinite(s) || s < 0.1 || s > 600)
    throw new ConfigError(`QUERY_TIMEOUT_SECONDS='${env.QUERY_TIMEOUT_SECONDS}': ghi số giây từ 0.1 đến 600`);
  return Math.round(s * 1000);
}

function devTools(env: NodeJS.ProcessEnv): boolean {
  const text = (env.GRAPHQL_DEV_TOOLS ?? '').trim().toLowerCase();
  if (!['', 'true', 'false'].includes(text)) throw new ConfigError(`GRAPHQL_DEV_TOOLS='${env.GRAPHQL_DEV_TOOLS}': ghi true hoặc false`);
  if (text === 'true' && env.NODE_ENV === 'production')
    throw new ConfigError('GRAPHQL_DEV_TOOLS=true chỉ dùng khi phát triển, không dùng cùng NODE_ENV=production');
  return text === 'true';
}

/** `loopback`, `uniquelocal`, addresses or subnets (comma list), or a number of hops; empty or `no`: none. */
function trustProxy(text: string | undefined): string | null {
  const t = (text ?? '').trim();
  if (t === '' || t.toLowerCase() === 'no' || t.toLowerCase() === 'false') return null;
  if (!/^[0-9a-zA-Z.:/,\s]+$/.test(t))
    throw new ConfigError(`TRUST_PROXY='${text}': ghi loopback, các địa chỉ hoặc dải mạng (cách nhau dấu phẩy), hoặc số lớp proxy`);
  return t;
}

/** `BACKUP_DIR`, else `backups` beside DATA_DIR (never inside it: a restore needs an empty DATA_DIR, and a lost disk takes both). */
function backupDir(text: string | undefined, dataDir: string): string {
  const dir = path.resolve(text?.trim() || path.join(path.dirname(dataDir), 'backups'));
  if (isWithin(dataDir, dir)) throw new ConfigError(`BACKUP_DIR='${text}' nằm trong DATA_DIR (${dataDir}): chọn một thư mục ở ngoài`);
  return dir;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT='${env.PORT}' không phải số cổng: ghi một số từ 0 đến 65535`);
  const province = env.PROVINCE?.trim() || null;
  if (province !== null && !/^\d{1,2}$/.test(province))
    throw new ConfigError(`PROVINCE='${province}' không phải mã tỉnh: ghi hai chữ số, ví dụ 11 hoặc 80`);
  if (env.DATABASE_OWNER_URL?.trim() && !env.DATABASE_URL?.trim())
    throw new ConfigError(
      'đã đặt DATABASE_OWNER_URL mà chưa đặt DATABASE_URL: đặt cả hai (vai trò của ứng dụng và chủ của cùng một cơ sở dữ liệu)',
    );
  const sessionMinutes = Number(env.SESSION_MINUTES ?? 60);
  if (!Number.isInteger(sessionMinutes) || sessionMinutes < 1 || sessionMinutes > 24 * 60)
    throw new ConfigError(`SESSION_MINUTES='${env.SESSION_MINUTES}': ghi số phút nguyên từ 1 đến 1440`);
  const dataDir = path.resolve(env.DATA_DIR?.trim() || '.data');
  return {
    port,
    dataDir,
    backupDir: backupDir(env.BACKUP_DIR, dataDir),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    databaseOwnerUrl: env.DATABASE_OWNER_URL?.trim() || null,
    allowOwnerRole: yes(env.DATABASE_ALLOW_OWNER, 'DATABASE_ALLOW_OWNER'),
    province: province === null ? null : province.padStart(2, '0'),
    production: env.NODE_ENV === 'production',
    graphqlDevTools: devTools(env),
    requestsPerMinute: wholeNumber(env, 'API_REQUESTS_PER_MINUTE', 600, 10, 1_000_000),
    requestsInFlight: wholeNumber(env, 'API_REQUESTS_IN_FLIGHT', 4, 1, 1000),
    queryTimeoutMs: queryTimeoutMs(env),
    key: env.LIENTHONG_KEY?.trim() || null,
    sessionMinutes,
    reportSchedule: reportSchedule(env.REPORT_SCHEDULE),
    reportScopes: (env.REPORT_SCOPES?.trim() || 'province')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    figuresWarmUp: env.FIGURES_WARM_UP === undefined || yes(env.FIGURES_WARM_UP, 'FIGURES_WARM_UP'),
    diskFreeMinBytes: wholeNumber(env, 'DISK_FREE_MIN_MB', 2048, 0, 1 << 30) * 1024 * 1024,
    trustProxy: trustProxy(env.TRUST_PROXY),
    reportForm: loadReportForm(env.REPORT_FORM_FILE, (m) => new ConfigError(m)),
  };
}
