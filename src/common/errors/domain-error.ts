import type { FieldProblem } from './field-problem.js';

/** Codes a client can act on; the GraphQL error formatter maps them to `extensions.code`. */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'TOO_MANY_REQUESTS';

/**
 * Why, for code that must tell two errors of one code apart (a refused lock from another CONFLICT).
 * For the server's own branching only: never sent to a client (GraphQL and HTTP send code, message, problems).
 */
export type DomainErrorReason = 'REPORT_BUSY' | 'LINK_BUSY';

/** The longest value an error sends back. */
const SHOWN_VALUE = 200;

/** An error the user caused and can fix; its message is Vietnamese and names field and value. */
export class DomainError extends Error {
  /** Each problem with its value cut to what a person reads (a 100,000-character cell is not sent back whole). */
  readonly problems: FieldProblem[];

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    problems: FieldProblem[] = [],
    readonly reason: DomainErrorReason | null = null,
  ) {
    super(message);
    this.name = 'DomainError';
    this.problems = problems.map((p) =>
      p.value && p.value.length > SHOWN_VALUE ? { ...p, value: `${p.value.slice(0, SHOWN_VALUE)}…` } : p,
    );
  }

  /** One error for a list of field problems: the message lists each of them. */
  static invalidInput(problems: FieldProblem[]): DomainError {
    const lines = problems.map((p) => p.message);
    const message = problems.length === 1 ? lines[0] : `Dữ liệu không hợp lệ (${problems.length} lỗi): ${lines.join('; ')}`;
    return new DomainError('BAD_USER_INPUT', message, problems);
  }

  static notFound(what: string, value: string): DomainError {
    return new DomainError('NOT_FOUND', `Không tìm thấy ${what} '${value}'.`);
  }
}

/** True when `e` is a DomainError raised for that reason: what code branches on, never on the coarse code. */
export function hasReason(e: unknown, reason: DomainErrorReason): e is DomainError {
  return e instanceof DomainError && e.reason === reason;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses a malformed id before it reaches SQL (where it would be a server error). */
export function assertUuid(field: string, value: string): void {
  if (!UUID.test(value))
    throw DomainError.invalidInput([
      { field, value: value.slice(0, 60), message: `Trường '${field}': '${value.slice(0, 60)}' không phải mã định danh hợp lệ (UUID)` },
    ]);
}
