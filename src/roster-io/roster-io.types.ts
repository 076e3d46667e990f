import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ImportJobStatus } from './import-job.entity.js';

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
export class ImportRowErrorsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 100 }) @IsOptional() @IsInt() @Min(1) @Max(500) first?: number;
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
