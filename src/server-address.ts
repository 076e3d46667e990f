import os from 'node:os';
import net from 'node:net';

/**
 * Where people reach the server, as its start says it: `localhost` for a loopback address, the
 * machine's own addresses when it listens on all of them (HOST=0.0.0.0), else HOST as given.
 */
export function serverAddress(host: string, port: number, interfaces = os.networkInterfaces()): { url: string; note: string } {
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') return { url: `http://localhost:${port}/`, note: '' };
  if (host !== '0.0.0.0' && host !== '::') return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`, note: '' };
  const own = Object.values(interfaces)
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  const url = `http://${own[0] ?? 'localhost'}:${port}/`;
  return { url, note: ` (nghe trên mọi địa chỉ của máy này${own.length > 1 ? `: ${own.join(', ')}` : ''})` };
}

/**
 * Rejects (with the system's error: EADDRINUSE, EACCES) when the port cannot be listened on, before
 * the database is opened: the operator reads why in Vietnamese (start-failure.ts), not the web
 * framework's own English line, and no PostgreSQL is started for nothing.
 */
export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => reject(Object.assign(e, { port })));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
