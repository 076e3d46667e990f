import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { readScope, writeScope, type Principal } from '../../access/principal.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErasureTombstone } from '../../personal-data/erasure-tombstone.entity.js';
import { IdNumberVault } from '../../personal-data/id-number-vault.js';
import { tombstoneKeys } from '../../personal-data/tombstone-keys.js';
import { MemberRecord } from './member-record.entity.js';
import { MembershipEvent } from './membership-event.entity.js';
import { MemberRecordsService } from './member-records.service.js';

const MIN_REASON = 10;

function requireReason(reason: string, what: string): string {
  const r = reason.trim();
  if (r.length < MIN_REASON)
    throw DomainError.invalidInput([
      {
        field: 'reason',
        value: reason,
        message: `Lý do: cần ghi rõ lý do ${what} (ít nhất ${MIN_REASON} ký tự, ví dụ "đối chiếu hồ sơ gốc theo đơn ngày 5/11")`,
      },
    ]);
  return r;
}

/** Reveal, export and erase one person's data: explicit, reasoned and logged. */
@Injectable()
export class RecordPrivacyService {
  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly vault: IdNumberVault,
    private readonly audit: AuditService,
  ) {}

  /** The clear ID number of one record, for a stated reason. */
  async revealIdNumber(id: string, reason: string, caller: Principal): Promise<{ idNumber: string | null; enteredAs: string | null }> {
    const why = requireReason(reason, 'xem số CCCD');
    const record = await this.records.findInScope(this.db.manager, id, readScope(caller));
    await this.audit.record(caller, {
      action: AuditAction.ID_NUMBER_REVEALED,
      subjectType: 'MEMBER_RECORD',
      subjectId: id,
      organization: record.organizationCode,
      reason: why,
    });
    return {
      idNumber: record.idNumberSealed ? this.vault.open(record.idNumberSealed) : null,
      // No sealed entered form: it was typed exactly as the number.
      enteredAs: record.idNumberRawSealed
        ? this.vault.open(record.idNumberRawSealed)
        : record.idNumberSealed
          ? this.vault.open(record.idNumberSealed)
          : null,
    };
  }

  /** Everything stored about the person of one record (the subject's access request), unmasked, as JSON. */
  async exportPersonalData(id: string, reason: string, caller: Principal): Promise<string> {
    const why = requireReason(reason, 'xuất dữ liệu cá nhân');
    const record = await this.records.findInScope(this.db.manager, id, writeScope(caller));
    const history = await this.records.history(id);
    await this.audit.record(caller, {
      action: AuditAction.PERSONAL_DATA_EXPORTED,
      subjectType: 'MEMBER_RECORD',
      subjectId: id,
      organization: record.organizationCode,
      reason: why,
    });
    const { idNumberSealed, idNumberHash: _h, idNumberRawSealed, unit, ...rest } = record;
    return JSON.stringify(
      {
        exportedAt: new Date().toISOString(),
        record: {
          ...rest,
          idNumber: idNumberSealed ? this.vault.open(idNumberSealed) : null,
          idNumberAsEntered: idNumberRawSealed
            ? this.vault.open(idNumberRawSealed)
            : idNumberSealed
              ? this.vault.open(idNumberSealed)
              : null,
          unit: unit ? { code: unit.code, name: unit.name } : null,
        },
        history,
      },
      null,
      2,
    );
  }

  /**
   * Erases the person of one record on request: that record and every other record with the same
   * ID number. Each row stays for the aggregate figures (organization, unit, commune, status, sex,
   * birth year, dates) with name, numbers, phone, ethnicity, profile and raw values removed; keyed
   * hashes stay as a tombstone so a later import asks before creating the person again.
   */
  async erasePersonalData(id: string, reason: string, caller: Principal): Promise<MemberRecord[]> {
    const why = requireReason(reason, 'xóa dữ liệu cá nhân');
    return this.db.transaction(async (em) => {
      const first = await this.records.findInScope(em, id, writeScope(caller), true);
      if (first.erasedAt)
        throw new DomainError('CONFLICT', `Hồ sơ '${id}' đã được xóa dữ liệu cá nhân ngày ${first.erasedAt.toISOString().slice(0, 10)}.`);
      const repo = em.getRepository(MemberRecord);
      const others = first.idNumberHash
        ? await repo
            .createQueryBuilder('r')
            .where('r.id_number_hash = :h AND r.id <> :id AND r.erased_at IS NULL', { h: first.idNumberHash, id })
            .setLock('pessimistic_write')
            .getMany()
        : [];
      const all = [first, ...others];
      const now = new Date();
      for (const r of all) {
        const audit = await this.audit.record(
          caller,
          {
            action: AuditAction.PERSONAL_DATA_ERASED,
            subjectType: 'MEMBER_RECORD',
            subjectId: r.id,
            organization: r.organizationCode,
            reason: why,
            detail: { requestRecord: id },
          },
          em,
        );
        for (const k of tombstoneKeys(this.vault, r))
          await em
            .getRepository(ErasureTombstone)
            .createQueryBuilder()
            .insert()
            .values({ keyHash: k.hash, kind: k.kind, erasedAt: now, auditEventId: audit.id })
            .orUpdate(['erased_at', 'audit_event_id'], ['key_hash'])
            .execute();
        await repo.update(r.id, {
          externalId: `XOA-${r.id.slice(0, 8)}`,
          fullName: '(đã xóa theo yêu cầu)',
          nameFolded: '',
          familyKey: '',
          givenKey: '',
          birthDate: r.birthDate ? `${r.birthDate.slice(0, 4)}-01-01` : null,
          birthDatePrecision: r.birthDate ? 'YEAR' : null,
          idNumberSealed: null,
          idNumberHash: null,
          idNumberMasked: null,
          idNumberRawSealed: null,
          idKind: null,
          idIssues: [],
          phone: null,
          ethnicity: null,
          communeEnteredCode: null,
          profile: {},
          raw: {},
          erasedAt: now,
          version: r.version + 1,
        });
      }
      await em.getRepository(MembershipEvent).update({ recordId: In(all.map((r) => r.id)) }, { reason: null });
      return repo.find({ where: { id: In(all.map((r) => r.id)) }, relations: { unit: true } });
    });
  }
}
