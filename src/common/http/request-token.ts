import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** The browser console's session cookie (README "Browser sessions"). */
export const SESSION_COOKIE = 'lt_session';
/** The header a cookie-authenticated request that changes something must carry. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The token a request carries: `Authorization: Bearer <token>` (API clients) or, without that
 * header, the `lt_session` cookie (the browser console). The header wins. `token` is null when the
 * Authorization header has another form. The one place that decides it: the AccessGuard, the
 * request rate and /health's details all ask here.
 */
export interface CarriedToken {
  via: 'bearer' | 'cookie';
  token: string | null;
}

export function requestToken(req: Pick<Request, 'headers'>): CarriedToken | null {
  const header = req.headers.authorization;
  if (header) return { via: 'bearer', token: bearerToken(header) };
  const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return cookie ? { via: 'cookie', token: cookie } : null;
}

/** The token of an `Authorization: Bearer <token>` header, or null when there is none or it has another form. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? null;
}

/** One cookie's value from a Cookie header (tokens are base64url: nothing to decode). */
function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/**
 * The anti-forgery value of a session: derived from its token, which is secret and out of the
 * page's reach (HttpOnly), under a label of its own. The same for the session's whole life, in any process.
 */
export function csrfTokenFor(token: string): string {
  return createHash('sha256').update(`lienthong-csrf:${token}`).digest('base64url');
}

/**
 * Whether a request may go on as far as forgery goes: a bearer token cannot be sent by another
 * site, nor can a GET, HEAD or OPTIONS change anything; any other cookie request needs the header.
 */
export function passesCsrf(req: Pick<Request, 'headers' | 'method'>, carried: CarriedToken): boolean {
  if (carried.via === 'bearer' || ['GET', 'HEAD', 'OPTIONS'].includes(req.method.toUpperCase())) return true;
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !carried.token) return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(csrfTokenFor(carried.token))];
  return a.length === b.length && timingSafeEqual(a, b);
}

export const CSRF_MESSAGE =
  'Thiếu hoặc sai mã chống giả mạo (CSRF): với phiên trình duyệt, mọi yêu cầu thay đổi dữ liệu phải gửi header "X-CSRF-Token" bằng csrfToken nhận khi đăng nhập (POST /session hoặc GET /session).';
