import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  IsIn,
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { ImportJobStatus } from './import-job.entity.js';
import { FATES, type Fate } from './import/import-plan.js';

registerEnumType(ImportJobStatus, { name: 'ImportJobStatus' });

@ObjectType('ImportRowError', { description: 'A rejected row: where, which column, which value, what is wrong.' })
export class ImportRowErrorType {
  @Field(() => String, { nullable: true }) sheet: string | null;
  @Field(() => Int, { description: 'The spreadsheet row number (the header row counts).' }) row: number;
  @Field(() => String, { nullable: true }) column: string | null;
  @Field(() => String, { nullable: true }) value: string | null;
  @Field() message: string;
}

@ObjectType('ImportSkippedRow', {
  description: 'A line under a header that is no member (a totals, place-and-date or signature line, the column numbers): not imported.',
})
export class ImportSkippedRowType {
  @Field(() => String, { nullable: true }) sheet: string | null;
  @Field(() => Int, { description: 'The spreadsheet row number (the header row counts).' }) row: number;
  @Field({ description: "Why, in Vietnamese: `bỏ qua: dòng tổng cộng ('Tổng cộng: 15 hội viên')`." }) reason: string;
}

@ObjectType('ImportJob', { description: 'One import of a roster file: progress, counts, rejected rows.' })
export class ImportJobType {
  @Field(() => ID) id: string;
  @Field() organization: string;
  @Field() sourceName: string;
  @Field({ description: 'Who started it (the account or service token name).' }) startedBy: string;
  @Field(() => ImportJobStatus) status: ImportJobStatus;
  @Field(() => Int, { description: 'Data rows whose batch is committed.' }) rowsRead: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int, { description: 'Rows kept with warnings (cells left empty, eligibility): see importWarnings on the record.' })
  warned: number;
  @Field(() => String, { nullable: true, description: 'Why the import stopped, when it failed.' }) failure: string | null;
  @Field() startedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => Int, { description: 'Rows without their own code held for a decision (a doubtful match with a known member): not written.' })
  held: number;
  @Field(() => String, {
    nullable: true,
    description: 'Why the file waits for a confirmation (NEEDS_CONFIRMATION): most rows break the organization’s rules.',
  })
  waiting: string | null;
  @Field({ description: 'GET it (with the token) for the rejected rows as a CSV to fix and re-import.' }) errorFileUrl: string;
  @Field(() => String, {
    nullable: true,
    description: 'GET it (with the token) for her rows with the Mã hồ sơ each got and its outcome; null when no code was assigned.',
  })
  resultFileUrl: string | null;
}

@ArgsType()
export class ImportJobArgs {
  @Field(() => ID) @IsUUID() id: string;
}

@ArgsType()
export class ImportJobsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 }) @IsOptional() @IsInt() @Min(1) @Max(100) first?: number;
}

@ArgsType()
export class RosterColumnsArgs {
  @Field() @IsString() @MaxLength(40) organization: string;
}

@ArgsType()
export class ImportRowErrorsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 100 }) @IsOptional() @IsInt() @Min(1) @Max(500) first?: number;
}

@ObjectType('ImportFateCount', { description: 'How many rows of a plan have one fate.' })
export class ImportFateCountType {
  @Field({ description: 'CREATED, UPDATED, UNCHANGED, HELD, REFUSED, or SKIPPED (lines that are no member).' }) fate: string;
  @Field(() => Int) count: number;
}

@ObjectType('ColumnMapping', { description: 'Her column header and the field it is read as.' })
export class ColumnMappingType {
  @Field() header: string;
  @Field({ description: 'The template field (externalId, fullName, birthDate, …).' }) field: string;
}

@InputType('ColumnMappingInput', { description: 'Her column header and the field it is to be read as.' })
export class ColumnMappingInput {
  @Field() @IsString() @MaxLength(200) header: string;
  @Field() @IsString() @MaxLength(64) field: string;
}

@ObjectType('ImportHeldCandidate', { description: 'A record a held row may be: its code, and what tells it apart.' })
export class ImportHeldCandidateType {
  @Field({ description: 'Its Mã hồ sơ (what a decision names).' }) code: string;
  @Field(() => String, {
    nullable: true,
    description: 'Its name; null when it is in a unit outside the caller’s scope (its code alone shown).',
  })
  fullName: string | null;
  @Field(() => String, { nullable: true, description: 'As MemberRecord.birthDate: `1990` or `1990-05-06`.' }) birthDate: string | null;
  @Field(() => String, { nullable: true, description: 'Its unit’s name.' }) unit: string | null;
  @Field(() => String, { nullable: true, description: 'Its status (ACTIVE, …).' }) status: string | null;
  @Field(() => String, { nullable: true, description: 'Its phone, masked.' }) phone: string | null;
  @Field(() => String, { nullable: true, description: 'Its village (thôn, bản) as written: what tells namesakes of one commune apart.' })
  village: string | null;
  @Field({ description: 'Its membership has ended (its status is one that ends it).' }) ended: boolean;
}

@ObjectType('ImportRowSaid', { description: 'What her file says of a held row that tells a namesake apart.' })
export class ImportRowSaidType {
  @Field(() => String, { nullable: true, description: 'The birth date as read (`1990` or `1990-05-06`).' }) birthDate: string | null;
  @Field(() => String, { nullable: true, description: 'The unit its row names (code or name, as written).' }) unit: string | null;
  @Field(() => String, { nullable: true, description: 'Its phone, masked.' }) phone: string | null;
}

@ObjectType('ImportFieldEdit', {
  description: 'A field an updated row changes, before and after (name, dates, ID number masked, phone, village, status).',
})
export class ImportFieldEditType {
  @Field({ description: 'fullName, birthDate, idNumber (masked), phone, village, joinDate or status (its label).' }) field: string;
  @Field(() => String, { nullable: true, description: 'As listed now (a date as `1990` or `1990-05-06`).' }) before: string | null;
  @Field(() => String, { nullable: true, description: 'As the file gives it.' }) after: string | null;
}

@ObjectType('ImportRowDecision', { description: 'Her decision on a held row, kept on the job until the import is confirmed.' })
export class ImportRowDecisionType {
  @Field(() => String, { nullable: true, description: 'The candidate it is; null: someone else (a new record).' }) code: string | null;
}

@ObjectType('ImportPreviewRow', { description: 'What the plan does with one member row.' })
export class ImportPreviewRowType {
  @Field(() => Int, { description: 'Its place among the member rows (the `after` of the next page).' }) ordinal: number;
  @Field(() => String, { nullable: true }) sheet: string | null;
  @Field(() => Int, { description: 'The spreadsheet row number.' }) row: number;
  @Field() fate: string;
  @Field(() => String, { nullable: true, description: 'Its Mã hồ sơ (given, assigned, or of the known member it updates).' })
  code: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The member’s name as the file gives it (a held row’s too), or as listed when the row leaves her unchanged; null for a refused row.',
  })
  fullName: string | null;
  @Field(() => [String], {
    description:
      "The fields that change (UPDATED): the record's fields, and `profile.<key>` for each of the organization's own fields that changes (as rosterColumns names them).",
  })
  changed: string[];
  @Field(() => [String], {
    description: '`changed` as the secretary reads it: her columns’ Vietnamese headers, once each (Số điện thoại, Chi hội / đơn vị).',
  })
  changedLabels: string[];
  @Field(() => String, { nullable: true, description: 'When the row moves its member to another unit: the unit she is in now (its name).' })
  unitBefore: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'When the row moves its member to another unit: the unit the file names (its name).',
  })
  unitAfter: string | null;
  @Field(() => String, {
    nullable: true,
    description: "A new member's unit (its name), when it is not the caller's own unit — one the confirmation creates too (unitCreated).",
  })
  unitNew: string | null;
  @Field({ description: 'The unit of unitNew (or unitAfter) is one the confirmation creates (in unitsToCreate).' })
  unitCreated: boolean;
  @Field(() => String, { nullable: true, description: 'Why it is refused or held (ID numbers and phones masked).' }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'Its warnings (masked).' }) warnings: string | null;
  @Field(() => [SuggestionKindEnum], {
    description:
      'What its Ghi chú says (died, moved away, old CMND, member elsewhere): suggested on the record once written, never applied.',
  })
  noteKinds: SuggestionKindEnum[];
  @Field(() => [ImportHeldCandidateType], {
    description: 'A held row’s candidates, the records it may be: previewImportAgain’s decisions name one, or someone else.',
  })
  candidates: ImportHeldCandidateType[];
  @Field(() => ImportRowSaidType, {
    nullable: true,
    description: 'A held row: what her file says of it (the birth date, the unit, the phone masked).',
  })
  said: ImportRowSaidType | null;
  @Field(() => ImportRowDecisionType, {
    nullable: true,
    description:
      'Her decision on this row (previewImportAgain), once made: a row it settled is created or updated, a row it could not settle is held again.',
  })
  decision: ImportRowDecisionType | null;
  @Field(() => [ImportFieldEditType], { description: 'An updated row’s edits (ImportFieldEdit), before and after, where they change.' })
  edits: ImportFieldEditType[];
}

@ObjectType('ImportSheetNote', { description: 'What the reading of a roster says of one of its sheets, in Vietnamese.' })
export class ImportSheetNoteType {
  @Field(() => String, { nullable: true, description: 'The sheet’s name (null for a CSV).' }) sheet: string | null;
  @Field() note: string;
}

@ObjectType('ImportPreview', { description: 'The plan of an import, before it is confirmed: counts, mapping, rows.' })
export class ImportPreviewType {
  @Field(() => ID) jobId: string;
  @Field(() => ImportJobStatus) status: ImportJobStatus;
  @Field(() => [ImportFateCountType]) counts: ImportFateCountType[];
  @Field(() => Int, { description: 'Rows to be written with a warning (a cell not read is left empty).' }) warned: number;
  @Field(() => [ColumnMappingType]) mapping: ColumnMappingType[];
  @Field(() => [String], {
    description:
      'Her columns the import reads as nothing (không dùng), as the mapping names them: give one a field in confirmImport’s mapping.',
  })
  unusedColumns: string[];
  @Field(() => [String], {
    description:
      'Her columns read as her secretariat corrected the same headers in an earlier import (not as the header alone says): she may correct them again.',
  })
  rememberedColumns: string[];
  @Field(() => Int, { description: 'Member rows (created, updated or unchanged) that will land with no unit (chi hội/đơn vị).' })
  withoutUnit: number;
  @Field(() => Int, {
    description:
      'Heading lines among the members naming their chi hội ("I. CHI HỘI BẢN HUA THANH"): the members under each are that unit’s.',
  })
  sectionHeadings: number;
  @Field(() => [String], {
    description: 'The names of the units (chi hội/đơn vị) the confirmation will create (createUnits), in file order.',
  })
  unitsToCreate: string[];
  @Field({
    description: 'The plan was made creating the units the file names (createUnits): those still without a unit could not be created.',
  })
  createUnits: boolean;
  @Field(() => String, { nullable: true, description: 'Set when most rows break the organization’s rules: why the file waits.' })
  wrongOrganization: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Set when a later import changed the list since this plan was made: confirmImport refuses it until previewImportAgain plans it afresh.',
  })
  overtaken: string | null;
  @Field(() => [ImportSheetNoteType], {
    description: 'What the reading says of a sheet: skipped (no header row), or a part of it not read (a second table beside the first).',
  })
  sheetNotes: ImportSheetNoteType[];
  @Field(() => [ImportPreviewRowType]) rows: ImportPreviewRowType[];
  @Field(() => Int, { nullable: true, description: 'The `after` of the next page (null: no more rows).' }) next: number | null;
}

@ArgsType()
export class ImportPreviewArgs {
  @Field(() => ID) @IsUUID() jobId: string;
  @Field(() => Int, { nullable: true, defaultValue: 100 }) @IsOptional() @IsInt() @Min(1) @Max(500) first?: number;
  @Field(() => Int, { nullable: true, description: 'The ordinal after which the page starts.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  after?: number;
  @Field(() => String, { nullable: true, description: 'Only the rows of this fate (HELD: the rows waiting for her decision).' })
  @IsOptional()
  @IsIn(FATES, { message: `fate: một trong ${FATES.join(', ')}` })
  fate?: Fate | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only the rows she has to look at: held, refused, or imported with a warning (not with `fate`).',
  })
  @IsOptional()
  @IsBoolean()
  toLook?: boolean | null;
}

@ArgsType()
export class ConfirmImportArgs {
  @Field(() => ID) @IsUUID() jobId: string;
  @Field(() => [ColumnMappingInput], { nullable: true, description: 'A corrected mapping: the kept file is planned again with it.' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ColumnMappingInput)
  mapping?: ColumnMappingInput[] | null;
  @Field(() => String, { nullable: true, description: 'Why a file most of whose rows break the organization’s rules is imported anyway.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  acceptIneligible?: string | null;
}

@InputType('HeldRowDecisionInput', { description: 'What the secretary decided a held row is: one of its candidates, or someone else.' })
export class HeldRowDecisionInput {
  @Field(() => String, { nullable: true, description: 'Its sheet (as the preview row gives it).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sheet: string | null;
  @Field(() => Int, { description: 'Its spreadsheet row number.' }) @IsInt() @Min(1) row: number;
  @Field(() => String, {
    nullable: true,
    description: 'The Mã hồ sơ of the candidate it is (one the row was held for); null: someone else, a new record.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  code: string | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Takes back a decision made before on this row (it is held again).',
  })
  @IsOptional()
  @IsBoolean()
  forget?: boolean;
}

@ArgsType()
export class PreviewImportAgainArgs {
  @Field(() => ID) @IsUUID() jobId: string;
  @Field(() => [ColumnMappingInput], {
    nullable: true,
    description: 'Her corrected mapping: the kept file is planned again with it (none: read as the preview read it).',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => ColumnMappingInput)
  mapping?: ColumnMappingInput[] | null;
  @Field(() => [HeldRowDecisionInput], {
    nullable: true,
    description: 'Her decisions on held rows (kept on the job with those made before): each row is the record she named, or a new one.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => HeldRowDecisionInput)
  decisions?: HeldRowDecisionInput[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Create the units her file names that do not exist yet (as createUnits at the upload).',
  })
  @IsOptional()
  @IsBoolean()
  createUnits?: boolean | null;
}

@ObjectType('ImportWarning', {
  description: 'What an import warned of in a row it kept: an optional cell left empty, an eligibility rule.',
})
export class ImportWarningType {
  @Field(() => String, { nullable: true, description: 'The column as the file named it (null: the row).' }) column: string | null;
  @Field({ description: 'ID numbers and phones masked.' }) message: string;
  @Field() at: Date;
}

export enum SuggestionKindEnum {
  DIED = 'DIED',
  MOVED_AWAY = 'MOVED_AWAY',
  AWAY = 'AWAY',
  LEFT_WORK = 'LEFT_WORK',
  INACTIVE = 'INACTIVE',
  OLD_ID_CARD = 'OLD_ID_CARD',
  ALSO_MEMBER = 'ALSO_MEMBER',
}
export enum SuggestionStatusEnum {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(SuggestionKindEnum, { name: 'SuggestionKind' });
registerEnumType(SuggestionStatusEnum, { name: 'SuggestionStatus' });

@ObjectType('RecordSuggestion', {
  description:
    'A fact a Ghi chú cell states (died, moved away, old CMND, member elsewhere), for the secretary to accept: never applied by itself.',
})
export class RecordSuggestionType {
  @Field(() => ID) id: string;
  @Field(() => SuggestionKindEnum) kind: SuggestionKindEnum;
  @Field({ description: 'The note as written (ID numbers and phones masked).' }) evidence: string;
  @Field(() => String, { nullable: true, description: '`2026`, `2026-08` or `2026-08-03`, when the note says.' }) when: string | null;
  @Field(() => String, { nullable: true, description: 'Where to, or which organization, as written.' }) detail: string | null;
  @Field(() => SuggestionStatusEnum) status: SuggestionStatusEnum;
  @Field() createdAt: Date;
}
