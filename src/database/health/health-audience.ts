import type { IncomingHttpHeaders } from 'node:http';

/** Headers a reverse proxy adds: a request that carries one came from elsewhere, whatever its socket says. */
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'via'];

/**
 * Whether `GET /health` may show its details (the disk's free and total bytes, the database's
 * answer time) without a token: only to a caller on this machine itself (a monitor, `curl` on the
 * server). Behind the README's proxy every request reaches the server from 127.0.0.1, so the socket
 * alone says nothing: a forwarding header makes the caller remote, and TRUST_PROXY is not needed.
 */
export function isLocalCaller(remoteAddress: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (FORWARDED.some((h) => headers[h] !== undefined)) return false;
  const address = remoteAddress?.replace(/^::ffff:/, '') ?? '';
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}
