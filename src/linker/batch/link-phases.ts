/** The phases of a link run in order, with what each has done when it ends (the CLI's log and the console's progress). */
export const LINK_PHASES: readonly { key: string; done: string }[] = [
  { key: 'load', done: 'đã đọc hồ sơ' },
  { key: 'load_register', done: 'đã đọc CSDL dân cư' },
  { key: 'blocking', done: 'đã chia khối' },
  { key: 'model', done: 'đã ước lượng mô hình' },
  { key: 'scoring', done: 'đã chấm điểm các cặp' },
  { key: 'register', done: 'đã đối chiếu CSDL dân cư' },
  { key: 'clustering', done: 'đã gom thành người' },
  { key: 'phantom', done: 'đã đánh dấu hồ sơ nghi ảo' },
  { key: 'store', done: 'đã lưu' },
];
