import { QueryFailedError } from 'typeorm';
import { vietnamDate } from '../../common/dates/vietnam-time.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { ErasureTombstone } from '../../personal-data/erasure-tombstone.entity.js';

/** The form's two refusals of a new record that another stands in the way of, in Vietnamese. */

/** Erased on request: the person is filed again only when they agree (`confirmErasedPerson`). */
export function erasedPersonConflict(erased: ErasureTombstone): DomainError {
  const byId = erased.kind === 'ID_NUMBER';
  return new DomainError(
    'CONFLICT',
    `Người này đã yêu cầu xóa dữ liệu cá nhân ngày ${vietnamDate(erased.erasedAt)} (trùng ${byId ? 'số CCCD' : 'họ tên và ngày sinh'}). Chỉ nhập lại khi người đó đồng ý: gửi lại với confirmErasedPerson = true.`,
    [{ field: byId ? 'idNumber' : 'fullName', value: null, message: 'Người đã yêu cầu xóa dữ liệu' }],
  );
}

export function conflictOnDuplicate(e: unknown, org: string, externalId: string): unknown {
  if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505')
    return new DomainError('CONFLICT', `Mã hồ sơ '${externalId}' đã có trong tổ chức ${org}.`, [
      { field: 'externalId', value: externalId, message: `Mã hồ sơ '${externalId}' đã tồn tại` },
    ]);
  return e;
}
