import { DomainError } from '../../common/errors/domain-error.js';

/**
 * Imports this process runs at once. Each holds a database connection for its claim and uses one
 * more while it works (two while its job is opened): ten uploads at once took every connection of
 * the pool (10) and waited on each other for good, and the server with them (a helper's probe,
 * 2026-12-04). On two cores a third import at once would only share them.
 */
export const IMPORTS_AT_ONCE = 2;
/** How long an import waits for one of them to end before it is refused (an upload gets 429 and writes nothing). */
export const IMPORT_WAIT_MS = 30_000;

const busy = (n: number) => `Máy chủ đang nhập ${n} tệp khác nên chưa nhận thêm tệp này (chưa ghi gì): hãy gửi lại sau ít phút`;

/** Turns to run an import, in the order asked: at most `size` at once, a turn handed straight to the next in line. */
export class ImportSlots {
  private running = 0;
  private readonly line: (() => void)[] = [];

  constructor(private readonly size = IMPORTS_AT_ONCE) {}

  /** A turn (call what it returns, once, when the import ends); refused with TOO_MANY_REQUESTS after `waitMs` in line. */
  async take(waitMs = IMPORT_WAIT_MS): Promise<() => void> {
    if (this.running < this.size) this.running++;
    else await this.wait(waitMs);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.line.shift();
      if (next) next();
      else this.running--;
    };
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.line.splice(this.line.indexOf(turn), 1);
        reject(new DomainError('TOO_MANY_REQUESTS', busy(this.running)));
      }, ms);
      this.line.push(turn);
    });
  }
}

/** Runs `fn`; when it fails, gives the turn back before passing the error on. */
export async function givenBackOnError<T>(turn: () => void, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    turn();
    throw e;
  }
}
