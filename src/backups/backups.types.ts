import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@ObjectType('BackupRun', { description: 'A backup of the database: under way (this server), taken, or failed.' })
export class BackupRunType {
  @Field(() => ID) id: string;
  @Field({ description: 'RUNNING, DONE or FAILED.' }) status: string;
  @Field() statusLabel: string;
  @Field() startedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field({
    description:
      "USER, SERVICE, CLI (`lienthong backup`), or FOLDER: an archive in the folder this database's log does not name (after a restore).",
  })
  startedByKind: string;
  @Field({ description: 'Username, token name or `cli:<os user>`, as the audit log names them.' }) startedBy: string;
  @Field({ description: "The archive's file name (in `BackupOverview.directory` for the console's)." }) file: string;
  @Field(() => Number, { nullable: true, description: 'Bytes written: so far while RUNNING, the archive once DONE.' }) bytes: number | null;
  @Field({ description: 'Whether the personal-data key is in the archive (`lienthong backup --with-key`; never from the console).' })
  withKey: boolean;
  @Field(() => String, { nullable: true, description: 'Why a FAILED backup stopped, in Vietnamese.' }) failure: string | null;
  @Field(() => String, { nullable: true, description: 'The `lienthong restore` command line for a DONE backup, to copy.' })
  restoreCommand: string | null;
}

@ObjectType('BackupOverview', { description: 'Where console backups go, where the key is kept, and the newest backups.' })
export class BackupOverviewType {
  @Field({ description: 'The folder a backup started from the console is written to (`BACKUP_DIR`).' }) directory: string;
  @Field(() => String, { nullable: true, description: 'Why this server cannot back up its database from the console (null: it can).' })
  unavailable: string | null;
  @Field({ description: 'Where the personal-data key is (to be kept apart from the backups): its file, or `LIENTHONG_KEY`.' })
  keyKeptAt: string;
  @Field(() => [BackupRunType], { description: 'Newest first; the one under way on this server first of all.' })
  runs: BackupRunType[];
}

@ArgsType()
export class BackupsArgs {
  @Field(() => Int, { defaultValue: 20 }) @IsInt() @Min(1) @Max(100) first: number;
}
