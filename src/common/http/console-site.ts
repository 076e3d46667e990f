import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { projectRoot } from '../files/project-root.js';

/**
 * The web console's page policy: its own scripts only (no inline script, nothing from elsewhere);
 * inline styles, which the component library writes at run time; no framing.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where `npm run build` puts the console (vite, console/vite.config.ts). */
export const consoleDirectory = (): string => path.join(projectRoot(), 'dist', 'console');

/** The console's files are named by their content: cached for a year. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * A file of the console as the build compressed it (`.br`, else `.gz`: console/vite.config.ts), to a
 * browser that accepts it; anything else goes on to the plain files.
 */
function precompressedAsset(dir: string, cache: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const name = req.path.slice(1);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !/^[\w.-]+\.(js|css|svg)$/.test(name)) return next();
    // Brotli when she accepts it at all (a third smaller than gzip), whatever order her browser lists them in.
    const accepted = req.acceptsEncodings();
    const encoding = accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : null;
    const ext = encoding === 'br' ? '.br' : '.gz';
    if (!encoding || !existsSync(path.join(dir, name + ext))) return next();
    res.type(path.extname(name));
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', cache);
    res.sendFile(name + ext, { root: dir, dotfiles: 'deny' }, (e) => e && next(e));
  };
}

/**
 * The console at `/` (its page) and `/assets/` (its files, named by their content: cached for a
 * year). The page is read again when the build changed it (`npm run build` while the server runs:
 * the old page would ask for assets that are gone, and she would see a blank screen). Without a
 * built console `/` says how to build it.
 */
export function serveConsole(app: NestExpressApplication, dir = consoleDirectory()): void {
  const indexFile = path.join(dir, 'index.html');
  let kept: { mtimeMs: number; text: string } | null = null;
  const page = (): string | null => {
    try {
      const { mtimeMs } = statSync(indexFile);
      if (kept?.mtimeMs !== mtimeMs) kept = { mtimeMs, text: readFileSync(indexFile, 'utf8') };
      return kept.text;
    } catch {
      return null;
    }
  };
  const assets = path.join(dir, 'assets');
  app.use('/assets/', precompressedAsset(assets, ASSET_CACHE));
  app.useStaticAssets(assets, {
    prefix: '/assets/',
    index: false,
    fallthrough: false,
    setHeaders: (res: Response) => {
      res.setHeader('Cache-Control', ASSET_CACHE);
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || (req.path !== '/' && req.path !== '/index.html')) return next();
    const text = page();
    if (text === null) {
      res.status(503).type('text/plain; charset=utf-8').send('Chưa dựng giao diện web: chạy `npm run build` rồi tải lại trang.');
      return;
    }
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.type('html').send(text);
  });
}
