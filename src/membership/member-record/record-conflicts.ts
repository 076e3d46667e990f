import { QueryFailedError, type EntityManager } from 'typeorm';
import { vietnamDate } from '../../common/dates/vietnam-time.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErasureTombstone, tombstoneAppliesTo } from '../../personal-data/erasure-tombstone.entity.js';

/** The form's two refusals of a new record that another stands in the way of, in Vietnamese. */

/** Erased on request: the person is filed again only when they agree (`confirmErasedPerson`). */
export function erasedPersonConflict(erased: ErasureTombstone): DomainError {
  const byId = erased.kind === 'ID_NUMBER';
  const question = `Người này (trùng ${byId ? 'số CCCD' : 'họ tên và ngày sinh'}) đã yêu cầu ${erased.organizations ? 'tổ chức này ' : ''}xóa dữ liệu cá nhân ngày ${vietnamDate(erased.erasedAt)}. Chỉ thêm lại khi chính người đó đồng ý: người đó đã đồng ý chưa?`;
  // The form asks it (as a second listing's question); over the API: send again with confirmErasedPerson = true.
  return new DomainError('CONFLICT', question, [
    { field: 'confirmErasedPerson', value: byId ? 'ID_NUMBER' : 'NAME_BIRTH', message: question },
  ]);
}

export function conflictOnDuplicate(e: unknown, org: string, externalId: string): unknown {
  if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505')
    return new DomainError('CONFLICT', `Mã hồ sơ '${externalId}' đã có trong tổ chức ${org}.`, [
      { field: 'externalId', value: externalId, message: `Mã hồ sơ '${externalId}' đã tồn tại` },
    ]);
  return e;
}

/** The tombstone an earlier erasure of this person from this organization left, if any. */
export async function erasedBefore(em: EntityManager, keys: { hash: Buffer }[], organization: string): Promise<ErasureTombstone | null> {
  if (!keys.length) return null;
  return em
    .getRepository(ErasureTombstone)
    .createQueryBuilder()
    .where(`key_hash = ANY(:keys) AND ${tombstoneAppliesTo(':organization')}`, { keys: keys.map((k) => k.hash), organization })
    .orderBy('erased_at', 'DESC')
    .getOne();
}
