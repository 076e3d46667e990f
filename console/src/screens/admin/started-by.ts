import { T } from '../../text.ts';

/** Who started a run or a backup, as Nhật ký names its actors: `qt-web (Người dùng)`, `cli:root (Dòng lệnh)`, the server's schedule. */
export const startedByText = (kind: string | null, name: string | null): string =>
  kind === 'SCHEDULE'
    ? T.admin.linkRuns.bySchedule
    : kind === 'FOLDER' && name
      ? name
      : kind && name
        ? `${name} (${T.admin.actorKind[kind] ?? kind})`
        : T.admin.linkRuns.byUnknown;
