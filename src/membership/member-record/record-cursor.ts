import { DomainError } from '../../common/errors/domain-error.js';
import type { MemberRecord } from './member-record.entity.js';

/** Keyset cursor: the sort key of the last row (given name, full name, id). */
export function encodeCursor(r: Pick<MemberRecord, 'givenKey' | 'nameFolded' | 'id'>): string {
  return Buffer.from(JSON.stringify([r.givenKey, r.nameFolded, r.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string): [string, string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 3 && typeof v[0] === 'string' && typeof v[1] === 'string' && UUID.test(String(v[2])))
      return v as [string, string, string];
  } catch {
    /* fall through */
  }
  throw DomainError.invalidInput([
    { field: 'after', value: cursor.slice(0, 40), message: `Trường 'after': con trỏ trang '${cursor.slice(0, 40)}' không hợp lệ` },
  ]);
}
