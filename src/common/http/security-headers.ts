import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * HTTP headers on every response (README "Security"). Nothing is cached (answers and downloads
 * carry personal data), nothing is sniffed, framed or given a referrer. API answers allow no
 * active content at all; the query page (development only) gets a policy it needs and no more.
 */
const BASE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The query page's policy: its own files, its one inline start-up script (by hash), its inline styles. */
export function queryPageCsp(html: string): string {
  const inline = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' ${inline.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The middleware: `pageCsp` for the query page and its files (under `pagePrefix`), the API policy elsewhere. */
export function securityHeaders(pageCsp: string | null, pagePrefix = '/graphql-ui/') {
  return (req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
    const isPage = pageCsp !== null && (req.path.startsWith(pagePrefix) || (req.path === '/graphql' && req.method === 'GET'));
    res.setHeader('Content-Security-Policy', isPage ? pageCsp : API_CSP);
    next();
  };
}
