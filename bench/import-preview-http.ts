/**
 * The preview as the console asks it (issue 17, "a 5,000-row preview ≤ 3 s"): the built server
 * started on the benchmark's database, an administrator enrolled and logged in, then the same
 * roster sent to `POST /imports?preview=true` several times, each timed from the upload until
 * `importPreview` answers its plan. Each upload is a new job planned afresh (a preview writes
 * no record), so the runs measure the same work; the first includes the server's warm-up.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { totpCode } from '../src/accounts/totp.js';
import { enrol, gqlAt, startBuiltServer } from './bench-tools.js';

const PREVIEW_STATE = 'query($id: ID!) { importPreview(jobId: $id) { status counts { fate count } } }';

export interface HttpPreviewTimes {
  /** Milliseconds of each run, in order. */
  runs: number[];
  /** The fates of the last run (the same every run). */
  counts: { fate: string; count: number }[];
}

/** An administrator made by the CLI, enrolled and logged in: her bearer token. */
async function adminToken(root: string, env: NodeJS.ProcessEnv, base: string): Promise<string> {
  const username = `qt-preview-${Date.now().toString(36)}`;
  const password = 'Mật khẩu quản trị đủ dài 2026';
  const made = spawnSync(
    process.execPath,
    [path.join(root, 'bin/lienthong.js'), 'user', 'create', '--username', username, '--role', 'ADMIN', '--password-stdin'],
    { env, input: `${password}\n`, encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(made.stderr);
  const gql = gqlAt(base);
  const user = await enrol(gql, username, password, `${password} của tôi`);
  const { logIn } = await gql<{ logIn: { token: string } }>('mutation($i: LogInInput!) { logIn(input: $i) { token } }', {
    i: { username, password: user.password, totpCode: totpCode(user.totpSecret, Date.now()) },
  });
  return logIn.token;
}

/** `runs` previews of `file` into `org` over HTTP on a server started for them (stopped after). */
export async function previewOverHttp(
  root: string,
  env: NodeJS.ProcessEnv,
  file: string,
  org: string,
  runs: number,
): Promise<HttpPreviewTimes> {
  const port = String(39_000 + Math.floor(Math.random() * 900));
  const base = `http://127.0.0.1:${port}`;
  const serverEnv = { ...env, PORT: port };
  const server = await startBuiltServer(root, serverEnv);
  let headers: Record<string, string> = {};
  const state = async (jobId: string) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: PREVIEW_STATE, variables: { id: jobId } }),
    });
    const body = (await res.json()) as { data?: { importPreview: { status: string; counts: HttpPreviewTimes['counts'] } } };
    return body.data?.importPreview ?? null;
  };
  try {
    headers = { authorization: `Bearer ${await adminToken(root, serverEnv, base)}` };
    const bytes = fs.readFileSync(file);
    const times: number[] = [];
    let counts: HttpPreviewTimes['counts'] = [];
    for (let i = 0; i < runs; i++) {
      const form = new FormData();
      form.append('file', new Blob([bytes]), path.basename(file));
      const started = performance.now();
      const res = await fetch(`${base}/imports?organization=${org}&preview=true`, { method: 'POST', body: form, headers });
      const { jobId } = (await res.json()) as { jobId?: string };
      if (!jobId) throw new Error(`no job for the preview (HTTP ${res.status})`);
      for (;;) {
        const s = await state(jobId);
        if (s && s.status !== 'RUNNING') {
          if (s.status !== 'PREVIEW') throw new Error(`the preview ended ${s.status}`);
          counts = s.counts;
          break;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      times.push(performance.now() - started);
    }
    return { runs: times, counts };
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
  }
}
