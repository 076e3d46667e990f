/** One audit line's columns, as `audit_event` takes them (id and time from the database). */
export interface AuditLine {
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  organization_code: string | null;
  detail: object;
  client_ip: string | null;
}

const COLUMNS = [
  'actor_kind',
  'actor_id',
  'actor_name',
  'actor_role',
  'action',
  'subject_type',
  'subject_id',
  'organization_code',
  'detail',
  'client_ip',
] as const;

/** One multi-row INSERT of `lines` (parameters numbered from $1). */
export function insertLines(lines: AuditLine[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = lines.map((l) => `(${COLUMNS.map((c) => `$${params.push(c === 'detail' ? JSON.stringify(l[c]) : l[c])}`).join(', ')})`);
  return { sql: `INSERT INTO audit_event (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params };
}

interface Waiting {
  line: AuditLine;
  done: (error?: Error) => void;
}

/**
 * Group commit for the audit lines of reads. A line is queued and its caller waits until the batch
 * holding it has committed — so a response that shows personal data leaves only once its read is
 * on disk, and a crash loses no line of an answered request. There is no timer: while one batch is
 * being written the next fills up, so under load a batch holds what arrived during one insert (at
 * most `maxRows`), and alone a line is written at once. A batch that fails is written line by line:
 * one bad line fails only its own request.
 */
export class AuditBatcher {
  private queue: Waiting[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (sql: string, params: unknown[]) => Promise<unknown>,
    private readonly maxRows = 500,
  ) {}

  add(line: AuditLine): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ line, done: (e) => (e === undefined ? resolve() : reject(e)) });
      this.writing ??= this.drain();
    });
  }

  /** Resolves when every line queued so far is written (graceful shutdown). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    // Let the requests of this turn of the event loop join the first batch.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxRows);
      await this.writeBatch(batch);
    }
    this.writing = null;
  }

  private async writeBatch(batch: Waiting[]): Promise<void> {
    try {
      const { sql, params } = insertLines(batch.map((w) => w.line));
      await this.write(sql, params);
      for (const w of batch) w.done();
    } catch (e) {
      if (batch.length === 1) return batch[0].done(e instanceof Error ? e : new Error('audit insert failed'));
      for (const w of batch) await this.writeBatch([w]);
    }
  }
}
