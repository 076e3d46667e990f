import { AuditBatcher, insertLines, type AuditLine } from './audit-batch.js';

const line = (n: number): AuditLine => ({
  actor_kind: 'USER',
  actor_id: null,
  actor_name: `u${n}`,
  actor_role: 'ADMIN',
  action: 'RECORD_READ',
  subject_type: 'MEMBER_RECORD',
  subject_id: String(n),
  organization_code: 'DTN',
  detail: { n },
  client_ip: null,
});

/** A fake table: each write takes a few milliseconds, and a line naming `bad` fails its statement. */
function table(bad = -1) {
  const written: string[] = [];
  const statements: number[] = [];
  const write = async (_sql: string, params: unknown[]) => {
    await new Promise((r) => setTimeout(r, 5));
    const names = params.filter((p, i) => i % 10 === 2) as string[];
    if (names.includes(`u${bad}`)) throw new Error('refused');
    statements.push(names.length);
    written.push(...names);
  };
  return { written, statements, write };
}

describe('audit lines in batches', () => {
  it('writes one INSERT for many lines, with JSON detail', () => {
    const { sql, params } = insertLines([line(1), line(2)]);
    expect(sql).toMatch(/^INSERT INTO audit_event \(actor_kind, .*client_ip\) VALUES \(\$1, .*\$10\), \(\$11, .*\$20\)$/);
    expect(params[8]).toBe('{"n":1}');
  });

  it('answers each caller only once its line is written; lines arriving together share a statement', async () => {
    const t = table();
    const b = new AuditBatcher(t.write, 100);
    const done = await Promise.all(Array.from({ length: 250 }, (_, i) => b.add(line(i)).then(() => t.written.includes(`u${i}`))));
    expect(done.every(Boolean)).toBe(true);
    expect(t.written).toHaveLength(250);
    expect(t.statements).toEqual([100, 100, 50]);
  });

  it('loses no queued line on a graceful stop (flush), even when lines keep coming while a batch is written', async () => {
    const t = table();
    const b = new AuditBatcher(t.write);
    const pending = [b.add(line(1)), b.add(line(2))];
    setTimeout(() => pending.push(b.add(line(3))), 2);
    await new Promise((r) => setTimeout(r, 3));
    await b.flush();
    expect(t.written.sort()).toEqual(['u1', 'u2', 'u3']);
    await Promise.all(pending);
  });

  it('fails only the request whose line cannot be written', async () => {
    const t = table(2);
    const b = new AuditBatcher(t.write);
    const results = await Promise.allSettled([1, 2, 3].map((n) => b.add(line(n))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(t.written.sort()).toEqual(['u1', 'u3']);
  });
});
