/**
 * The load benchmark's client: GraphQL over keep-alive HTTP (node:http, no parsing of answers
 * beyond "was there an error"), an open loop (Poisson arrivals at a fixed rate, latency measured
 * from the planned arrival so a slow server cannot hide its queue) and a closed loop (N clients, no
 * think time). The client shares the 2 cores with the server: bodies are built before the run.
 */
import http from 'node:http';

/** One request ready to send: its kind (for the per-kind table), body and bearer token. */
export interface Shot {
  kind: string;
  body: Buffer;
  token: string | null;
}

export interface Stats {
  count: number;
  errors: number;
  latencies: number[];
  byKind: Map<string, { latencies: number[]; errors: number }>;
  firstError?: string;
  seconds: number;
}

export class GqlClient {
  private readonly agents = new Map<string, http.Agent>();

  constructor(private readonly port: number) {}

  /** One keep-alive agent per local address (the log-in throttle counts attempts per address). */
  private agent(localAddress: string): http.Agent {
    let a = this.agents.get(localAddress);
    if (!a) this.agents.set(localAddress, (a = new http.Agent({ keepAlive: true, maxSockets: 1024, localAddress })));
    return a;
  }

  /** The raw answer; throws on a non-200 status or a GraphQL error. */
  send(body: Buffer, token: string | null, localAddress = '127.0.0.1'): Promise<string> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': body.length };
      if (token) headers.authorization = `Bearer ${token}`;
      const req = http.request(
        { host: '127.0.0.1', port: this.port, path: '/graphql', method: 'POST', headers, agent: this.agent(localAddress) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200 || text.includes('"errors":[')) reject(new Error(`${res.statusCode} ${text.slice(0, 300)}`));
            else resolve(text);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A parsed answer, for the set-up (tried once more when the server had just closed an idle connection). */
  async gql<T>(query: string, variables: Record<string, unknown>, token: string | null, localAddress?: string): Promise<T> {
    const body = Buffer.from(JSON.stringify({ query, variables }));
    const text = await this.send(body, token, localAddress).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET') return this.send(body, token, localAddress);
      throw e;
    });
    return (JSON.parse(text) as { data: T }).data;
  }

  close(): void {
    for (const a of this.agents.values()) a.destroy();
  }
}

const newStats = (seconds: number): Stats => ({ count: 0, errors: 0, latencies: [], byKind: new Map(), seconds });

function note(s: Stats, shot: Shot, ms: number, error: unknown): void {
  let k = s.byKind.get(shot.kind);
  if (!k) s.byKind.set(shot.kind, (k = { latencies: [], errors: 0 }));
  s.count++;
  s.latencies.push(ms);
  k.latencies.push(ms);
  if (error === undefined) return;
  s.errors++;
  k.errors++;
  s.firstError ??= `${shot.kind}: ${error instanceof Error ? error.message : JSON.stringify(error)}`;
}

async function fire(client: GqlClient, s: Stats, shot: Shot, start: number): Promise<void> {
  let error: unknown;
  try {
    await client.send(shot.body, shot.token);
  } catch (e) {
    error = e ?? 'error';
  }
  note(s, shot, performance.now() - start, error);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Open loop: arrivals at `rate` a second with exponential gaps (a Poisson process), for `seconds`;
 * each request is timed from its planned arrival. `next` hands out the requests in order.
 */
export async function openLoop(
  client: GqlClient,
  rate: number,
  seconds: number,
  next: () => Shot,
  rand: () => number,
): Promise<Stats & { arrivalRate: number }> {
  const s = newStats(seconds);
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const pending: Promise<void>[] = [];
  let at = t0;
  let sent = 0;
  while (true) {
    at += (-Math.log(1 - rand()) / rate) * 1000;
    if (at >= end) break;
    const wait = at - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(fire(client, s, next(), at));
    sent++;
  }
  await Promise.all(pending);
  return { ...s, arrivalRate: sent / seconds };
}

/** Closed loop: `clients` loops with no think time for `seconds`. */
export async function closedLoop(client: GqlClient, clients: number, seconds: number, next: () => Shot): Promise<Stats> {
  const s = newStats(seconds);
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) await fire(client, s, next(), performance.now());
    }),
  );
  return s;
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export interface Row {
  name: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU ms a request of the server's Node process and of PostgreSQL, where measured (cpu.ts). */
  cpu?: { node: number; pg: number };
}

export function row(name: string, latencies: number[], errors: number, seconds: number): Row {
  const sorted = Float64Array.from(latencies).sort();
  const r1 = (v: number) => +v.toFixed(1);
  return {
    name,
    requests: latencies.length,
    errors,
    perSecond: Math.round(latencies.length / seconds),
    p50: r1(percentile(sorted, 50)),
    p95: r1(percentile(sorted, 95)),
    p99: r1(percentile(sorted, 99)),
    max: r1(sorted[sorted.length - 1] ?? NaN),
  };
}

/** The whole run's row, then one row per kind of request. */
export function rows(name: string, s: Stats & { cpu?: Row['cpu'] }): Row[] {
  const kinds = [...s.byKind.entries()].sort((a, b) => b[1].latencies.length - a[1].latencies.length);
  return [
    { ...row(name, s.latencies, s.errors, s.seconds), cpu: s.cpu },
    ...kinds.map(([k, v]) => row(`  · ${k}`, v.latencies, v.errors, s.seconds)),
  ];
}

export function table(all: Row[]): string {
  const head =
    '| run | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | CPU ms a request: Node + PostgreSQL |\n|---|---|---|---|---|---|---|---|---|\n';
  const cpu = (c: Row['cpu']) => (c ? `${c.node} + ${c.pg} = ${+(c.node + c.pg).toFixed(2)}` : '');
  return (
    head +
    all
      .map(
        (r) => `| ${r.name} | ${r.requests} | ${r.errors} | ${r.perSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${cpu(r.cpu)} |`,
      )
      .join('\n')
  );
}
