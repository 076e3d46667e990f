import type { Client } from 'urql';
import { JOB, type Job } from './import-api.ts';

/** Asks for the job every half second until its status is one of `until`. */
export async function waitForJob(client: Client, id: string, until: string[], onProgress?: (job: Job) => void): Promise<Job> {
  for (;;) {
    const r = await client.query(JOB, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (r.error) throw new Error(r.error.graphQLErrors.map((e) => e.message).join(' ') || r.error.message);
    const job = r.data!.importJob;
    onProgress?.(job);
    if (until.includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
