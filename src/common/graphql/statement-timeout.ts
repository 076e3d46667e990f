import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';

/**
 * A statement timeout for the database work of GraphQL requests (README "API limits"): a request
 * cannot keep the database busy for minutes. Jobs started elsewhere — imports over HTTP, the CLI,
 * scheduled reports — have none, and a request that starts a long job (`runReport`) lifts it for
 * the rest of that request. The limit follows the request (AsyncLocalStorage) to each connection
 * it takes from the pool and is set on it (applyStatementTimeouts).
 */
interface RequestDbLimits {
  /** 0: none. */
  statementTimeoutMs: number;
}

const requestLimits = new AsyncLocalStorage<RequestDbLimits>();

export function statementTimeoutMiddleware(ms: number) {
  return (_req: Request, _res: Response, next: NextFunction): void => requestLimits.run({ statementTimeoutMs: ms }, next);
}

/** A long job started by this request (a report computed now): its statements run without the limit. */
export function liftStatementTimeout(): void {
  const limits = requestLimits.getStore();
  if (limits) limits.statementTimeoutMs = 0;
}

/** `fn` run as a job of its own, outside the request that starts it (a link run in the background): no limit follows it. */
export function outsideRequest<T>(fn: () => T): T {
  return requestLimits.exit(fn);
}

type Release = (err?: unknown) => void;
interface PoolClient {
  query(text: string): Promise<unknown>;
}
type ConnectCallback = (err: Error | undefined, client: PoolClient | undefined, release: Release) => void;
interface Pool {
  connect(cb?: ConnectCallback): unknown;
}

/** The limit each pooled connection holds now (ms; absent or 0: the server's default, none). */
const heldLimit = new WeakMap<PoolClient, number>();

/**
 * Wraps the connections TypeORM takes from its pool (the driver's `master` pool). A connection
 * keeps the limit it was last given: it is set (`SET statement_timeout`) only when the one who takes
 * it wants another — a request's limit, or none for a job — so a request's reads cost no extra round
 * trip on a connection that served a request before (it was two a connection: set, then reset).
 */
export function applyStatementTimeouts(db: DataSource): void {
  const pool = (db.driver as unknown as { master: Pool }).master;
  const connect = pool.connect.bind(pool);
  pool.connect = (cb?: ConnectCallback) => {
    if (typeof cb !== 'function') return connect(cb);
    const ms = Math.max(0, Math.round(requestLimits.getStore()?.statementTimeoutMs ?? 0));
    return connect((err, client, release) => {
      if (err || !client || (heldLimit.get(client) ?? 0) === ms) return cb(err, client, release);
      client.query(ms ? `SET statement_timeout = ${ms}` : 'SET statement_timeout = DEFAULT').then(
        () => {
          heldLimit.set(client, ms);
          cb(undefined, client, release);
        },
        (e: Error) => {
          release(e);
          cb(e, undefined, () => undefined);
        },
      );
    });
  };
}

/** PostgreSQL's code for a statement stopped by the timeout (or cancelled). */
export const QUERY_CANCELED = '57014';
