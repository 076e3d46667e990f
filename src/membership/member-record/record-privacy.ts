import { POSITION_FIELD, termsOf } from '../organization/organization-definition.js';
import { personalDataCopyText, type CopySource } from './personal-data-copy.js';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { type Principal } from '../../access/principal.js';
import { clearDataScope, requireReason } from '../../access/clear-data.js';
import { inScope, readScope, writeScope } from '../../access/record-scope.js';
import { AuditAction, type AuditDetail } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { SecretVault } from '../../personal-data/secret-vault.js';
import { chosenForErasure, eraseFreeText, erasureScope } from '../../personal-data/erasure-scope.js';
import { eraseRejectedRows } from '../../personal-data/rejected-rows.js';
import { eraseUndoImages } from '../../personal-data/undo-images.js';
import { recordCodeKey, tombstoneKeys } from '../../personal-data/tombstone-keys.js';
import { MemberRecord } from './member-record.entity.js';
import { MemberRecordsService } from './member-records.service.js';
import { PersonalDataRequestKind } from './personal-data-request.entity.js';
import { PersonalDataRequestsService } from './personal-data-requests.service.js';

/** Reveal, export and erase one person's data: explicit, reasoned and logged. */
@Injectable()
export class RecordPrivacyService {
  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly vault: SecretVault,
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
    const [c, ...others] = await this.copiesOf(id, reason, caller);
    const json = (c: CopySource) => {
      const { idNumberSealed: _s, idNumberHash: _h, idNumberRawSealed: _r, unit, ...rest } = c.record as MemberRecord;
      const record = {
        ...rest,
        idNumber: c.idNumber,
        idNumberAsEntered: c.idNumberAsEntered,
        unit: unit && { code: unit.code, name: unit.name },
      };
      return { record, history: c.history };
    };
    return JSON.stringify({ exportedAt: c.exportedAt.toISOString(), ...json(c), otherRecords: others.map(json) }, null, 2);
  }

  /** The same, as the data subject reads it: in Vietnamese, a field a line (`personal-data-copy.ts`). */
  async exportPersonalDataCopy(id: string, reason: string, caller: Principal): Promise<string> {
    return personalDataCopyText(await this.copiesOf(id, reason, caller));
  }

  /**
   * Her copy: the asked record, then her other records the caller may take clear data out of (an
   * administrator: every organization's) — those certainly hers, by the erasure's rule (same ID number,
   * a register match, a confirmed link): what is held about her, not only one organization's line.
   */
  private async copiesOf(id: string, reason: string, caller: Principal): Promise<CopySource[]> {
    const why = requireReason(reason, 'xuất dữ liệu cá nhân');
    const first = await this.records.findInScope(this.db.manager, id, clearDataScope(caller));
    const others = (await erasureScope(this.db.manager, id)).records.filter((r) => r !== id);
    const mine = others.length
      ? await this.db.getRepository(MemberRecord).find({ where: { id: In(others) }, relations: { unit: true } })
      : [];
    const open = mine.filter(
      (r) => !r.erasedAt && inScope(clearDataScope(caller), { organizationCode: r.organizationCode, unitPath: r.unit?.path ?? null }),
    );
    const copies = await Promise.all([first, ...open].map((r) => this.copyOf(r, why, caller)));
    // Her request was made on this record: it is the one answered (another organization's own request stays its own).
    await PersonalDataRequestsService.answer(this.db.manager, PersonalDataRequestKind.EXPORT, [id], caller);
    return copies;
  }

  /** One record's data unsealed for its subject's copy, the export logged. */
  private async copyOf(record: MemberRecord, why: string, caller: Principal): Promise<CopySource> {
    const history = await this.records.history(record.id);
    await this.audit.record(caller, {
      action: AuditAction.PERSONAL_DATA_EXPORTED,
      subjectType: 'MEMBER_RECORD',
      subjectId: record.id,
      organization: record.organizationCode,
      reason: why,
    });
    const def = await this.records.organizationForRecords(record.organizationCode);
    const idNumber = record.idNumberSealed ? this.vault.open(record.idNumberSealed) : null;
    const [commune] = await this.db.query<{ name: string }[]>(`SELECT name FROM commune WHERE code = $1`, [record.communeCode]);
    return {
      record,
      organizationName: def.name,
      duesTerm: termsOf(def).dues,
      communeName: commune?.name ?? null,
      profileLabels: Object.fromEntries([POSITION_FIELD, ...def.profileFields].map((f) => [f.key, f.label])),
      idNumber,
      // No sealed entered form: it was typed exactly as the number.
      idNumberAsEntered: record.idNumberRawSealed ? this.vault.open(record.idNumberRawSealed) : idNumber,
      history,
      exportedAt: new Date(),
    };
  }

  /**
   * What an erasure of the person of one record would cover: the records certainly hers (same ID
   * number, a register match, a confirmed link) and those only the model joins (to confirm first).
   * Logged as a read of those records.
   */
  async erasurePlan(
    id: string,
    caller: Principal,
  ): Promise<{ records: MemberRecord[]; toConfirm: { record: MemberRecord; why: string }[] }> {
    const first = await this.records.findInScope(this.db.manager, id, writeScope(caller));
    const scope = await erasureScope(this.db.manager, first.id);
    const all = await this.db.getRepository(MemberRecord).find({
      where: { id: In([...scope.records, ...scope.toConfirm.map((c) => c.recordId)]) },
      relations: { unit: true },
    });
    const byId = new Map(all.map((r) => [r.id, r]));
    await this.audit.record(caller, {
      action: AuditAction.RECORD_READ,
      subjectType: 'ERASURE_PLAN',
      subjectId: id,
      organization: first.organizationCode,
      detail: { records: scope.records, toConfirm: scope.toConfirm.map((c) => c.recordId) },
    });
    return {
      records: scope.records.map((r) => byId.get(r)).filter((r) => r !== undefined),
      toConfirm: scope.toConfirm.flatMap((c) => {
        const record = byId.get(c.recordId);
        return record ? [{ record, why: c.why }] : [];
      }),
    };
  }

  /**
   * Erases the person of one record on request: the records certainly hers (same ID number, a
   * register match, a confirmed link) but those of `keep` (her membership elsewhere, which a request
   * to leave one organization does not concern), and those of `also` (records only the model joins,
   * which the administrator confirmed from `erasurePlan`). Each row stays for the aggregate figures
   * (organization, unit, commune, status, sex, birth year, dates) with name, folded name and name
   * keys, numbers, phone, ethnicity, village, profile and raw values removed; the free text about them
   * (history reasons, decision notes, audit notes) and her rejected import rows go too; keyed
   * hashes stay as a tombstone so a later import asks before creating the person again.
   */
  async erasePersonalData(
    id: string,
    reason: string,
    caller: Principal,
    { also = [], keep = [] }: { also?: string[]; keep?: string[] } = {},
  ): Promise<MemberRecord[]> {
    const why = requireReason(reason, 'xóa dữ liệu cá nhân');
    return this.db.transaction(async (em) => {
      const first = await this.records.findInScope(em, id, writeScope(caller), true);
      if (first.erasedAt)
        throw new DomainError('CONFLICT', `Hồ sơ '${id}' đã được xóa dữ liệu cá nhân ngày ${first.erasedAt.toISOString().slice(0, 10)}.`);
      const scope = await erasureScope(em, id);
      const ids = chosenForErasure(scope, id, also, keep);
      const repo = em.getRepository(MemberRecord);
      const all = [
        first,
        ...(await repo
          .createQueryBuilder('r')
          .where('r.id = ANY(:ids) AND r.id <> :id AND r.erased_at IS NULL', { ids, id })
          .orderBy('r.id')
          .setLock('pessimistic_write')
          .getMany()),
      ];
      const allIds = all.map((r) => r.id);
      // Free text first: the erasure's own audit lines (and their reason) stay.
      const notes = await eraseFreeText(em, allIds);
      const rejectedRows = await eraseRejectedRows(
        em,
        all.flatMap((r) => [
          ...tombstoneKeys(this.vault, r).map((k) => k.hash),
          recordCodeKey(this.vault, r.organizationCode, r.externalId),
        ]),
      );
      // The before-images an import kept to be undone hold her name and numbers: they go too.
      await eraseUndoImages(em, allIds);
      const now = new Date();
      const detail = { requestRecord: id, notes, rejectedRows, ...(keep.length && { kept: [...new Set(keep)] }) };
      // She kept a membership elsewhere: only the organizations that erased her ask before filing her again.
      const organizations = keep.length ? [...new Set(all.map((r) => r.organizationCode))].sort() : null;
      for (const r of all) await this.eraseOne(em, r, { now, why, caller, detail, organizations });
      await PersonalDataRequestsService.answer(em, PersonalDataRequestKind.ERASURE, allIds, caller);
      return repo.find({ where: { id: In(allIds) }, relations: { unit: true } });
    });
  }

  /** One record: its audit line, its tombstone keys, its personal data removed. */
  private async eraseOne(
    em: EntityManager,
    r: MemberRecord,
    c: { now: Date; why: string; caller: Principal; detail: AuditDetail; organizations: string[] | null },
  ): Promise<void> {
    const audit = await this.audit.record(
      c.caller,
      {
        action: AuditAction.PERSONAL_DATA_ERASED,
        subjectType: 'MEMBER_RECORD',
        subjectId: r.id,
        organization: r.organizationCode,
        reason: c.why,
        detail: c.detail,
      },
      em,
    );
    for (const k of tombstoneKeys(this.vault, r))
      // A second erasure of her widens the organizations that ask (NULL: all of them).
      await em.query(
        `INSERT INTO erasure_tombstone (key_hash, kind, erased_at, audit_event_id, organizations) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (key_hash) DO UPDATE SET erased_at = excluded.erased_at, audit_event_id = excluded.audit_event_id,
           organizations = CASE WHEN erasure_tombstone.organizations IS NULL OR excluded.organizations IS NULL THEN NULL
             ELSE ARRAY(SELECT DISTINCT unnest(erasure_tombstone.organizations || excluded.organizations) ORDER BY 1) END`,
        [k.hash, k.kind, c.now, audit.id, c.organizations],
      );
    await em.getRepository(MemberRecord).update(r.id, {
      externalId: `XOA-${r.id.replaceAll('-', '')}`,
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
      village: null,
      communeEnteredCode: null,
      profile: {},
      raw: {},
      // A hash of what the imported row said (name, numbers): goes with them.
      importDigest: null,
      erasedAt: c.now,
      version: r.version + 1,
    });
  }
}
