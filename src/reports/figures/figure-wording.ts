/**
 * The wording of a figure that the dashboard (through the API), its workbook and the report's files
 * all show: its name and how it is derived, written once here.
 */
export interface FigureWording {
  label: string;
  /** How it is derived, in a sentence a reader of the figure can check. */
  note: string;
}

/** Số người không nghi ảo: an estimate, beside the records confirmed made up. */
export const PEOPLE_NOT_SUSPECTED: FigureWording = {
  label: 'Số người không nghi ảo (ước tính)',
  note: 'Ước tính: số người có ít nhất một hồ sơ đang sinh hoạt mà hệ thống không nghi ảo; hồ sơ đã rà soát và kết thúc sinh hoạt không còn được tính.',
};

/**
 * The other headline figures' names, as the dashboard writes them (console/src/text.ts, `dashboard`):
 * what its workbook, the report's files and charts call the same numbers.
 */
export const FIGURE_LABELS = {
  /** ACTIVE memberships: one person in two organizations counts twice. */
  memberships: 'Số lượt',
  /** Distinct persons after linking, suspected phantoms included. */
  people: 'Số người (sau liên kết)',
  /** ACTIVE records the last link run suspects. */
  suspectedPhantoms: 'Hồ sơ nghi ảo',
  /** Records a secretariat confirmed after review (dead, gone, ineligible, made up): said so, not "ảo" of a dead neighbour. */
  confirmedPhantoms: 'Hồ sơ đã rà soát, kết thúc sinh hoạt (từ trước đến nay)',
} as const;

/** The records whose phantom warning was confirmed during the period: the period's part of `confirmedPhantoms`. */
export const STRUCK: FigureWording = {
  label: 'Hồ sơ đã rà soát, kết thúc sinh hoạt trong kỳ',
  note: 'Hồ sơ mà văn phòng tổ chức xác nhận cảnh báo nghi ảo trong kỳ (đã mất, đã chuyển đi, không đủ điều kiện, ghi trùng…). Sinh hoạt kết thúc từ ngày lý do xảy ra (ngày mất, ngày chuyển đi), nên có hồ sơ không nằm trong số thôi sinh hoạt của kỳ này.',
};

/** How a commune's people are counted (each commune's figures: the dashboard's, a report's). */
export const COMMUNE_PEOPLE_NOTE =
  'Số người: mỗi người tính một lần ở một xã dù sinh hoạt ở nhiều tổ chức trong xã; người sinh hoạt ở hai xã được tính ở cả hai xã.';
