import { BatchQueue } from './batch-queue.js';
import type { PendingRow } from './pending-rows.js';

const row = (ordinal: number) => ({ ordinal }) as PendingRow;
const tick = () => new Promise<void>((r) => setTimeout(r, 1));

describe('BatchQueue', () => {
  it('prepares the batches read ahead while an earlier one is planned, and plans them one at a time, in order', async () => {
    const log: string[] = [];
    let planning = 0;
    const q = new BatchQueue(
      2,
      async (rows) => {
        log.push(`prepare ${rows[0].ordinal}`);
        await tick();
      },
      async (rows) => {
        planning++;
        expect(planning).toBe(1);
        log.push(`plan ${rows[0].ordinal}`);
        await tick();
        await tick();
        planning--;
      },
      2,
    );
    for (let o = 1; o <= 7; o++) await q.add(row(o));
    await q.finish();
    const plans = log.filter((l) => l.startsWith('plan'));
    expect(plans).toEqual(['plan 1', 'plan 3', 'plan 5', 'plan 7']);
    // The third batch was prepared before the first was planned to its end: reading ran ahead.
    expect(log.indexOf('prepare 5')).toBeLessThan(log.indexOf('plan 3'));
    // Every batch is prepared before it is planned.
    for (const o of [1, 3, 5, 7]) expect(log.indexOf(`prepare ${o}`)).toBeLessThan(log.indexOf(`plan ${o}`));
  });

  it('reads at most `ahead` batches past the one being planned', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let prepared = 0;
    const q = new BatchQueue(
      1,
      () => {
        prepared++;
        return Promise.resolve();
      },
      () => gate,
      2,
    );
    const adding = (async () => {
      for (let o = 1; o <= 10; o++) await q.add(row(o));
    })();
    for (let i = 0; i < 5; i++) await tick();
    // The first batch is stuck in its plan: 1 + 2 queued behind it, and the fourth waits in `add`.
    expect(prepared).toBe(3);
    release();
    await adding;
    await q.finish();
    expect(prepared).toBe(10);
  });

  it('stops at a batch that fails: its error comes back, the later batches are never planned', async () => {
    const planned: number[] = [];
    const q = new BatchQueue(
      1,
      () => Promise.resolve(),
      async (rows) => {
        await tick();
        if (rows[0].ordinal === 2) throw new Error('refused');
        planned.push(rows[0].ordinal);
      },
      1,
    );
    await expect(
      (async () => {
        for (let o = 1; o <= 6; o++) await q.add(row(o));
        await q.finish();
      })(),
    ).rejects.toThrow('refused');
    await q.settled();
    expect(planned).toEqual([1]);
  });

  it('a failed preparation fails its batch', async () => {
    const q = new BatchQueue(
      1,
      (rows) => (rows[0].ordinal === 1 ? Promise.reject(new Error('worker stopped')) : Promise.resolve()),
      () => Promise.resolve(),
    );
    await q.add(row(1));
    await expect(q.finish()).rejects.toThrow('worker stopped');
  });
});
