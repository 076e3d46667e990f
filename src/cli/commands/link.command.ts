// `lienthong link`: the records of every organization linked into persons, the register as a bridge.
import type { Command } from 'commander';
import { LINK_PHASES } from '../../linker/batch/link-phases.js';
import { LinkerService } from '../../linker/linker.service.js';
import type { NamesakeBucket } from '../../linker/model/namesake-groups.js';
import { DEFAULT_LINK_OPTIONS } from '../../linker/model/pair-decision.js';
import { cliCaller, log, UsageError, withServices, writeLines } from '../kit/cli-kit.js';
import { prob } from '../kit/cli-options.js';

type LinkSummary = Awaited<ReturnType<LinkerService['link']>>;

/** The linker's steps, as the log names them. */
const LINK_STEPS: Record<string, string> = Object.fromEntries(LINK_PHASES.map((p) => [p.key, p.done]));

export function linkCommand(program: Command): void {
  program
    .command('link')
    .description('liên kết hồ sơ của mọi tổ chức thành từng người (CSDL dân cư làm cầu nối)')
    .option(
      '--auto <P>',
      'tự động liên kết khi xác suất (đã hiệu chỉnh) từ mức này trở lên, nếu có bằng chứng mạnh; không có bằng chứng mạnh thì từ 0.95',
      prob('--auto'),
      DEFAULT_LINK_OPTIONS.auto,
    )
    .option(
      '--review <P>',
      'đưa vào danh sách chờ xem xét khi xác suất (đã hiệu chỉnh) từ mức này trở lên',
      prob('--review'),
      DEFAULT_LINK_OPTIONS.review,
    )
    .action(link);
}

async function link(o: { auto: number; review: number }): Promise<void> {
  if (!(o.review < o.auto)) throw new UsageError(`--review (${o.review}) phải nhỏ hơn --auto (${o.auto})`);
  await withServices(async (app) => {
    const started = Date.now();
    const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
    const s = await app
      .get(LinkerService)
      .link({ auto: o.auto, review: o.review, startedBy: { kind: 'CLI', name: cliCaller().name } }, (step) =>
        log(`${LINK_STEPS[step] ?? step} (${seconds()} giây)`),
      );
    logBlockingAndModel(s);
    writeLines([
      `hồ sơ\t${s.records}`,
      `cặp ứng viên\t${s.candidatePairs}`,
      `liên kết tự động\t${s.autoLinks}`,
      `liên kết qua CSDL dân cư\t${s.bridgeLinks}`,
      `gộp người trùng tên không phân biệt được\t${s.namesakeLinks}`,
      `cặp cần xem xét\t${s.reviewPairs}`,
      `liên kết bị từ chối (hai số định danh)\t${s.refusedLinks}`,
      `liên kết không nhận (hai hồ sơ trùng tên một tổ chức không liên kết với nhau)\t${s.apartLinks}`,
      `cặp trùng tên một tổ chức có số định danh\t${s.ownListings.numbered} (${s.ownListings.same} cùng một người; ${s.ownListings.applied ? 'giữ riêng' : 'không giữ riêng'})`,
      `hồ sơ khớp CSDL dân cư\t${s.verifiedRecords}`,
      `số người\t${s.persons}`,
      `người ở từ hai tổ chức\t${s.multiOrganizationPersons}`,
      `hồ sơ trùng trong một tổ chức\t${s.duplicateInOrganization}`,
      `hồ sơ nghi ảo (đang sinh hoạt)\t${s.suspectedPhantoms}`,
      `giây\t${seconds()}`,
    ]);
  });
}

/** How the two birth dates of a namesake bucket say the year, in words. */
const NAMESAKE_DATES: Record<NamesakeBucket['dates'], string> = {
  BOTH_VAGUE: 'cả hai chỉ có năm sinh (hoặc 01/01)',
  YEAR_AND_DAY: 'một bên đủ ngày sinh, bên kia chỉ có năm',
  PLACEHOLDER_AND_DAY: 'một bên đủ ngày sinh, bên kia ghi 01/01',
};

/** How the blocking rules cut the records, and the m and u the model learnt for each field. */
function logBlockingAndModel(s: LinkSummary): void {
  for (const b of s.blocking)
    log(
      `chia khối ${b.rule}: ${b.blocks} khối, ${b.pairs} cặp${b.oversizedBlocks ? `; bỏ qua ${b.oversizedBlocks} khối quá lớn ngay trong một xã (${b.oversizedRecords} hồ sơ)` : ''}`,
    );
  for (const b of s.namesakeRates)
    log(
      `người trùng tên, năm sinh và xã với ${b.residents} cư dân cùng tên, ${b.oneToOne ? 'mỗi tổ chức một hồ sơ' : 'có tổ chức nhiều hồ sơ'}, ${NAMESAKE_DATES[b.dates]}: ${b.numbered} cặp có số định danh, ${b.same} cùng một người${b.numbered ? ` (${Math.round((100 * b.same) / b.numbered)}%)` : ''}`,
    );
  const fields = Object.keys(s.model.m) as (keyof typeof s.model.m)[];
  for (const f of fields)
    log(
      `mô hình ${f}: ${Object.keys(s.model.m[f])
        .map((l) => `${l} m=${s.model.m[f][l].toFixed(3)} u=${(s.model.u[f][l] ?? 0).toFixed(4)}`)
        .join(', ')}`,
    );
}
