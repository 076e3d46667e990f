import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestToken } from './request-token.js';

/**
 * A per-token request rate (per address without a token) and a cap on a token's requests in
 * flight, on every API path (README "API limits"); files on their way (uploads, downloads) have a
 * cap of their own, so that a roster arriving slowly over a phone's network leaves her console free. Counters live in memory, one minute per
 * caller, and are swept once a minute: the map holds no more than the callers of the last minutes.
 */
export interface RateOptions {
  perMinute: number;
  inFlight: number;
}

interface Counter {
  count: number;
  /** Requests in flight, files sent or received aside. */
  inFlight: number;
  /** Files on their way in or out (an upload arriving, a download leaving): slow on a phone's network. */
  files: number;
  /** When this caller's current minute began. */
  windowStart: number;
}

/** A token's files in flight at once, apart from its other requests: a slow upload never blocks her console. */
export const FILES_IN_FLIGHT = 2;

/** What a request is: a file on its way (an upload, a download) or anything else. */
export type RequestKind = 'request' | 'file';

/**
 * Who is counted: the token (hashed, never kept in clear; a browser session's cookie counts as its
 * token, request-token.ts) or, without one, the address. A malformed Authorization header counts as itself.
 */
export function callerKey(req: Request): { key: string; token: boolean } {
  const carried = requestToken(req);
  const counted = carried && (carried.token ?? req.headers.authorization!);
  if (counted) return { key: `t:${createHash('sha256').update(counted).digest('base64url')}`, token: true };
  return { key: `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, token: false };
}

export class RequestRate {
  private readonly counters = new Map<string, Counter>();
  private lastSweep = 0;

  constructor(private readonly options: RateOptions) {}

  /**
   * `overRate`: seconds until the caller's minute ends when this request is over the rate;
   * `busy`: the token has its most requests (or files) of this kind in flight; otherwise the
   * request is counted, and `release` is called once when it ends.
   */
  admit(
    key: string,
    now: number,
    limitInFlight: boolean,
    kind: RequestKind = 'request',
  ): { overRate: number; busy: boolean; release: (() => void) | null } {
    this.sweep(now);
    let c = this.counters.get(key);
    if (!c) this.counters.set(key, (c = { count: 0, inFlight: 0, files: 0, windowStart: now }));
    if (now - c.windowStart >= 60_000) Object.assign(c, { count: 0, windowStart: now });
    if (c.count >= this.options.perMinute)
      return { overRate: Math.ceil((c.windowStart + 60_000 - now) / 1000), busy: false, release: null };
    const field = kind === 'file' ? 'files' : 'inFlight';
    if (limitInFlight && c[field] >= (kind === 'file' ? FILES_IN_FLIGHT : this.options.inFlight))
      return { overRate: 0, busy: true, release: null };
    c.count++;
    c[field]++;
    const counter = c;
    let released = false;
    const release = () => {
      if (!released) counter[field]--;
      released = true;
    };
    return { overRate: 0, busy: false, release };
  }

  /** Callers being counted. */
  get size(): number {
    return this.counters.size;
  }

  /** Once a minute: callers whose minute is over and who have nothing in flight are forgotten. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, c] of this.counters) if (c.inFlight === 0 && c.files === 0 && now - c.windowStart >= 60_000) this.counters.delete(key);
  }
}

const tooMany = (res: Response, message: string, retryAfter: number) => {
  res.setHeader('Retry-After', String(Math.max(1, retryAfter)));
  res.status(429).json({ errors: [{ message, extensions: { code: 'TOO_MANY_REQUESTS' } }] });
};

/** The middleware; requests without a token share their address's count. Under /graphql and /session a request, elsewhere a file. */
export function requestRateLimit(options: RateOptions, rate = new RequestRate(options)) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const { key, token } = callerKey(req);
    const kind: RequestKind = req.baseUrl === '/graphql' || req.baseUrl === '/session' ? 'request' : 'file';
    const d = rate.admit(key, Date.now(), token, kind);
    if (d.overRate)
      return tooMany(
        res,
        `Quá nhiều yêu cầu: tối đa ${options.perMinute} yêu cầu mỗi phút cho ${token ? 'một token' : 'một địa chỉ chưa đăng nhập'}; thử lại sau ${d.overRate} giây.`,
        d.overRate,
      );
    if (d.busy)
      return tooMany(
        res,
        kind === 'file'
          ? `Quá nhiều tệp cùng lúc: tối đa ${FILES_IN_FLIGHT} tệp đang tải lên hoặc tải về cho một token; chờ các tệp trước xong rồi thử lại.`
          : `Quá nhiều yêu cầu cùng lúc: tối đa ${options.inFlight} yêu cầu đang chạy cho một token; chờ các yêu cầu trước xong rồi thử lại.`,
        1,
      );
    res.on('finish', d.release!);
    res.on('close', d.release!);
    next();
  };
}
