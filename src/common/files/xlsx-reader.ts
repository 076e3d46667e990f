import { fork, type ChildProcess } from 'node:child_process';
import type { SourceRow } from './tabular-source.js';
import { SourceError } from './source-error.js';
import { compiledScript } from './project-root.js';

export interface XlsxWorkerInput {
  file: string;
  sheet: string | null;
}

export type WorkerMessage = { rows: SourceRow[] } | { done: true; sheets: string[] } | { error: string; refused?: true };

/**
 * The parser's heap, in MB: rosters of 250,000 rows parse in well under this; a bomb that gets
 * past the checks before parsing ends its own process here. (A child process, not a worker
 * thread: on Node 20 a worker reaching its heap limit can still abort the whole process.)
 */
export const XLSX_PARSER_HEAP_MB = 512;

/** Every sheet (or the one named) of an .xlsx, parsed in a child process with a memory cap, streamed in batches. */
export const readXlsxInWorker = (file: string, only: string | null, displayName: string) =>
  readInWorker('src/common/files/xlsx-worker.js', file, only, displayName);

/** The same for an Excel 97–2003 workbook, a web page's table saved as ".xls" or an Excel 2003 XML Spreadsheet (legacy-worker.ts). */
export const readLegacyInWorker = (file: string, only: string | null, displayName: string) =>
  readInWorker('src/common/files/legacy-worker.js', file, only, displayName);

async function* readInWorker(script: string, file: string, only: string | null, displayName: string): AsyncGenerator<SourceRow> {
  const input: XlsxWorkerInput = { file, sheet: only };
  const worker = fork(compiledScript(script), [JSON.stringify(input)], {
    execArgv: [`--max-old-space-size=${XLSX_PARSER_HEAP_MB}`],
    // Structured clone, not JSON: a cell's Date stays a Date.
    serialization: 'advanced',
    // Its output never reaches the server's log (a parser's message could quote a cell).
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const inbox = new Inbox(worker);
  try {
    for (;;) {
      const m = await inbox.next();
      if ('rows' in m) {
        yield* m.rows;
        // The parser may have finished and left already (its last messages are still read): nothing to tell it then.
        if (worker.connected) worker.send('more', () => undefined);
      } else if ('done' in m) {
        if (only && !m.sheets.includes(only))
          throw new SourceError(`không có trang tính '${only}' trong tệp; các trang: ${m.sheets.join(', ')}`);
        return;
      } else throw new SourceError(m.refused ? `tệp Excel '${displayName}' ${m.error}` : xlsxFailure(displayName, m.error));
    }
  } finally {
    if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  }
}

/** The parser's messages in order; its crash (out of memory included) or early exit as an error message. */
class Inbox {
  private readonly queue: WorkerMessage[] = [];
  private waiting: ((m: WorkerMessage) => void) | null = null;
  /** The end of the parser's standard error: how V8 says it ran out of memory (kept here, never logged). */
  private stderr = '';

  constructor(worker: ChildProcess) {
    worker.on('message', (m: WorkerMessage) => this.push(m));
    worker.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4096)));
    worker.on('error', (e) => this.push({ error: e.message }));
    worker.on('close', (code, signal) =>
      this.push({
        error: /heap out of memory|Reached heap limit/.test(this.stderr) ? OUT_OF_MEMORY : `parser stopped (${signal ?? code})`,
      }),
    );
  }

  private push(m: WorkerMessage): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(m);
    } else this.queue.push(m);
  }

  /** The next message; a parser silent for PARSER_SILENCE_MS (a crafted file that keeps it busy) is given up (and killed). */
  next(): Promise<WorkerMessage> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.push({ error: TOO_SLOW }), PARSER_SILENCE_MS);
      this.waiting = (msg) => {
        clearTimeout(timer);
        resolve(msg);
      };
    });
  }
}

const OUT_OF_MEMORY = 'OUT_OF_MEMORY';
const TOO_SLOW = 'TOO_SLOW';
/** How long a parser may go without a batch or its end: a roster's 2,000 rows take well under a second. */
const PARSER_SILENCE_MS = 120_000;

/** What the worker's failure tells the secretariat (the parser's own words only as a detail). */
export function xlsxFailure(name: string, error: string): string {
  const again = 'hãy mở bằng Excel, lưu lại dạng .xlsx rồi gửi lại';
  if (error === OUT_OF_MEMORY)
    return `tệp Excel '${name}' cần quá nhiều bộ nhớ để đọc (tệp quá lớn hoặc được tạo bất thường): hãy chia danh sách thành nhiều tệp nhỏ hơn, hoặc ${again}`;
  if (error === TOO_SLOW)
    return `tệp Excel '${name}' đọc quá lâu (hơn ${PARSER_SILENCE_MS / 1000} giây không ra được dòng nào: tệp được tạo bất thường) nên đã dừng: ${again}`;
  if (/out of bounds|column/i.test(error) && /16384|XFD|bounds/i.test(error))
    return `tệp Excel '${name}' có ô nằm ngoài cột cuối cùng của Excel (XFD): ${again}`;
  return `tệp Excel '${name}' bị hỏng hoặc không đọc được (${error.split('\n')[0].slice(0, 120)}): ${again}`;
}
