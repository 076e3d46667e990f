import type { TestApp } from '../test-app.js';

/** A GraphQL call as one caller (her token) that answers its data or fails the test with its errors. */
export async function gqlAs<T>(t: TestApp, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await t.gql<T>(query, variables, { token });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** Waits until an import job reaches `status` (a preview waits as PREVIEW, an import ends DONE); fails on FAILED. */
export async function waitForJob(gql: Gql, id: string, status: string, tries = 160): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const { importJob } = await gql<{ importJob: { status: string; failure: string | null } }>(
      `query($id: ID!) { importJob(id: $id) { status failure } }`,
      { id },
    );
    if (importJob.status === status) return;
    if (importJob.status === 'FAILED') throw new Error(importJob.failure ?? 'FAILED');
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${id} never reached ${status}`);
}

/** A roster sent to `POST /imports?<query>` as her upload (the console's way in): the job's id, once the server took it (202). */
export async function uploadRoster(t: TestApp, token: string, bytes: ArrayBuffer | Buffer, name: string, query: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${t.url}/imports?${query}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 202) throw new Error(`upload refused: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { jobId: string }).jobId;
}
