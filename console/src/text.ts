import { spoken } from './terms.ts';
import { partialDate } from './format.ts';

/** A printed list's records by status: the members (live statuses) and the ended memberships, each with its `Label: n` parts. */
export interface StatusCounts {
  live: { n: number; parts: string[]; women: number };
  ended: { n: number; parts: string[] };
}

/**
 * Every string the console shows, in one place (Vietnamese throughout; a test fails on visible
 * English), written in a Hội's words and read in her organization's (terms.ts).
 */
const TEXT = {
  appName: 'Liên Thông',
  skipToContent: 'Bỏ qua đến nội dung chính',
  appTagline: 'Quản lý đoàn viên, hội viên',
  login: {
    title: 'Đăng nhập',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    code: 'Mã xác thực (6 số trong ứng dụng)',
    submit: 'Đăng nhập',
    required: 'Chưa nhập',
    codeShape: 'Mã gồm 6 chữ số',
    failed: 'Không đăng nhập được',
    firstTime: 'Lần đầu sử dụng? Kích hoạt tài khoản',
    /** Her session ended under her: the server's words for the one cause when it gave them, else every cause. */
    endedBecause: (why: string | null) => {
      const cause =
        why ??
        'Phiên đăng nhập đã kết thúc: đã hết hạn, đã đăng xuất ở nơi khác, hoặc quản trị viên đã khóa, cấp lại mật khẩu hay đổi vai trò, phạm vi của tài khoản.';
      // Whom to ask is said once: not again after a cause that already names the administrator.
      return `${cause} Những gì đang sửa dở (nếu có) chưa được lưu.${/quản trị viên/i.test(why ?? '') ? '' : ' Không đăng nhập được thì liên hệ quản trị viên.'}`;
    },
  },
  enrol: {
    title: 'Kích hoạt tài khoản',
    intro: 'Nhập tên đăng nhập và mật khẩu lần đầu mà quản trị viên đã trao. Mật khẩu lần đầu chỉ dùng được một lần, trong 72 giờ.',
    enrolmentPassword: 'Mật khẩu lần đầu',
    next: 'Tiếp tục',
    back: 'Quay lại đăng nhập',
    failed: 'Chưa kích hoạt được tài khoản',
    scanTitle: 'Thêm tài khoản vào ứng dụng xác thực',
    scan: 'Mở ứng dụng xác thực trên điện thoại (Google Authenticator, Microsoft Authenticator…), chọn thêm tài khoản và quét mã QR này.',
    qrAlt: 'Mã QR để thêm tài khoản vào ứng dụng xác thực',
    /** On the phone that shows the QR code: the link opens her authenticator with the key filled in. */
    openApp: 'Đang dùng chính điện thoại này? Bấm vào đây để mở ứng dụng xác thực và thêm tài khoản',
    typeSecret: 'Không quét được? Chọn nhập khóa thủ công và gõ khóa này:',
    until: (when: string) => `Mật khẩu lần đầu dùng được đến ${when}.`,
    passwordTitle: 'Đặt mật khẩu của bạn',
    newPassword: 'Mật khẩu mới (ít nhất 12 ký tự, không chứa tên đăng nhập)',
    repeat: 'Nhập lại mật khẩu mới',
    mismatch: 'Hai lần nhập không giống nhau',
    code: 'Mã 6 số đang hiện trong ứng dụng cho tài khoản vừa thêm',
    submit: 'Kích hoạt và đăng nhập',
  },
  nav: {
    dashboard: 'Tổng quan',
    roster: 'Danh sách hội viên',
    imports: 'Nhập danh sách',
    flags: 'Cảnh báo',
    units: 'Chi hội / đơn vị',
    help: 'Hướng dẫn',
    reports: 'Báo cáo',
    admin: 'Quản trị',
    review: 'Rà soát liên kết',
    logout: 'Đăng xuất',
  },
  since: {
    title: (when: string) => `Từ lần đăng nhập trước (${when})`,
    waiting: 'Việc đang chờ bạn',
    transfers: (n: number) => `${n} hồ sơ chuyển đến đang chờ bạn tiếp nhận`,
    suspects: (n: number) => `${n} hồ sơ mới bị nghi ảo`,
    reviews: (n: number) => `${n} cặp hồ sơ đang chờ rà soát`,
    reports: (n: number) => `${n} báo cáo mới được tính`,
    attention: (n: number) => `${n} hồ sơ Ban Dân vận đề nghị bạn xem lại`,
    close: 'Đã xem',
  },
  flags: {
    /** The list shown, printed as filed (to send a commune to check). */
    print: (suspectsOnly: boolean) => (suspectsOnly ? 'In danh sách nghi ảo' : 'In danh sách này'),
    unlinked: (n: number) =>
      `${n.toLocaleString('vi-VN')} hồ sơ chưa được liên kết (nhập nhiều hồ sơ một lần sau lần liên kết gần nhất, hoặc chưa liên kết lần nào): cảnh báo của họ có trên trang từng hồ sơ nhưng chưa có trong danh sách và các con số này. Chúng sẽ có sau lần liên kết tới (quản trị viên chạy "lienthong link", hoặc bấm "Chạy liên kết ngay" ở Quản trị → Liên kết hồ sơ).`,
    title: 'Cảnh báo: hồ sơ nghi ảo và cần xem lại',
    intro:
      'Mỗi dòng là một hồ sơ đang sinh hoạt mà lần rà soát gần nhất thấy có vấn đề, kèm lý do. Xác nhận khi đúng (hồ sơ được kết thúc sinh hoạt), bấm "Không đúng" khi sai (cảnh báo đó không hiện lại). Mỗi quyết định cần ghi chú và được ghi nhật ký. Hồ sơ chỉ thiếu thông tin định danh (số CCCD, ngày sinh đầy đủ, điện thoại) không hiện ở đây: chọn loại cảnh báo đó để xem và bổ sung dần.',
    introReading: 'Mỗi dòng là một hồ sơ đang sinh hoạt mà lần rà soát gần nhất thấy có vấn đề, kèm lý do.',
    /** What the Ban Dân vận does here: she decides nothing on a record, she asks its secretariat to look. */
    introWatching:
      'Mỗi dòng là một hồ sơ đang sinh hoạt mà lần rà soát gần nhất thấy có vấn đề, kèm lý do. Việc xác nhận hay bác bỏ là của văn phòng tổ chức giữ hồ sơ; bấm "Đề nghị chú ý" để đề nghị văn phòng đó xem lại hồ sơ (được ghi nhật ký).',
    code: 'Loại cảnh báo',
    anyCode: 'Mọi loại cảnh báo',
    /**
     * A flag code with its records: all of them suspected phantoms for Nghi ảo; for another code, its records
     * (suspected or only a warning) and those suspected for that reason — the dashboard's "Nghi ảo theo lý do".
     */
    codeOption: (ao: boolean, label: string, records: number, suspected: number) =>
      ao
        ? `${label}: ${records.toLocaleString('vi-VN')} hồ sơ`
        : `${label}: ${records.toLocaleString('vi-VN')} hồ sơ có cảnh báo, ${suspected.toLocaleString('vi-VN')} nghi ảo`,
    organization: 'Tổ chức',
    anyOrganization: 'Mọi tổ chức',
    /** A page of the list; with more after it, how to narrow it (by the kind of flag, once none is chosen; else by commune). */
    /** `suspected`: of those shown, the suspected phantoms (what Tổng quan counts as "nghi ảo"). */
    count: (before: number, n: number, more: boolean, kindChosen = false, suspected?: number) =>
      (before || more
        ? `Hồ sơ thứ ${(before + 1).toLocaleString('vi-VN')}–${(before + n).toLocaleString('vi-VN')}${more ? ` (còn nữa; ${kindChosen ? 'chọn xã để thu hẹp, hoặc xem trang sau' : 'chọn loại cảnh báo để thu hẹp'})` : ''}`
        : `${n.toLocaleString('vi-VN')} hồ sơ`) +
      (suspected !== undefined && n > 0 ? `, trong đó ${suspected.toLocaleString('vi-VN')} nghi ảo` : ''),
    nextPage: '500 hồ sơ tiếp theo',
    firstPage: 'Về đầu danh sách',
    onlyReason: (reason: string, records?: number) =>
      `Chỉ hồ sơ nghi ảo vì: ${reason}${records === undefined ? '' : ` (${records.toLocaleString('vi-VN')} hồ sơ)`}`,
    clearReason: 'Bỏ lọc lý do',
    onlyNoCommune: 'Chỉ hồ sơ chưa rõ xã',
    clearNoCommune: 'Bỏ lọc chưa rõ xã',
    onlySince: (at: string) => `Chỉ hồ sơ mới bị nghi ảo từ ${at} (lần đăng nhập trước)`,
    clearSince: 'Xem tất cả',
    empty: 'Không có hồ sơ nào bị cảnh báo',
    reasons: 'Cảnh báo và lý do',
    confirm: 'Xác nhận',
    /** A data flag's action: open the record to complete or correct it. */
    correct: 'Mở hồ sơ để bổ sung, sửa',
    /** A person listed twice in her organization: open this copy (end it there if it is the one to strike off). */
    openDuplicate: 'Mở hồ sơ (xóa tên nếu là bản ghi trùng)',
    dismiss: 'Không đúng',
    onlyAttention: 'Chỉ hồ sơ Ban Dân vận đề nghị chú ý',
    showDismissed: 'Hiện cả cảnh báo đã bác bỏ',
    attention: 'Đề nghị chú ý',
    save: 'Lưu quyết định',
    /** Under the note while "Lưu quyết định" cannot be pressed: what is still missing. */
    missing: (outcome: boolean, date: boolean, note: boolean) =>
      `Để lưu: ${[outcome && 'chọn kết quả', date && 'ghi ngày kết thúc', note && 'ghi ghi chú (ít nhất 5 ký tự)'].filter(Boolean).join(', ')}.`,
    note: 'Ghi chú (căn cứ, ví dụ: giấy báo tử ngày …)',
    /** The note's hint by what she decides: a death's grounds are not a dismissal's. */
    noteConfirm: 'Ghi chú (căn cứ của việc xác nhận, ví dụ: biên bản họp chi hội, xác nhận của trưởng thôn)',
    noteDismiss: 'Ghi chú (vì sao cảnh báo này không đúng, ví dụ: đã gặp trực tiếp, vẫn sinh hoạt)',
    decided: 'Đã lưu quyết định; danh sách và số đếm đã cập nhật.',
    askedSent: 'Đã gửi đề nghị chú ý tới văn phòng tổ chức; đề nghị hiện ở hồ sơ này.',
    /** The Ban Dân vận's request that the secretariat look again: a request, not a decision. */
    sendAttention: 'Gửi đề nghị',
    attentionNote: 'Nội dung đề nghị văn phòng tổ chức xem lại (ví dụ: đề nghị kiểm tra lại với chi hội)',
    /** Before the flag's reason in the decision dialog. */
    because: 'Căn cứ:',
    confirmEnds: 'Xác nhận sẽ kết thúc sinh hoạt của hồ sơ này. Chọn điều cảnh báo này có nghĩa với người đó:',
    outcome: 'Kết quả với hồ sơ',
    outcomes: {
      DECEASED: 'Đã mất',
      TRANSFERRED: 'Chuyển đi nơi khác (chuyển sinh hoạt)',
      LEFT: 'Rời tổ chức (ra khỏi tổ chức)',
      MATURED: 'Quá tuổi (trưởng thành)',
      STRUCK_OFF: 'Xóa tên (hồ sơ ảo, không đủ điều kiện)',
    } as Record<string, string>,
    /** Confirming "listed twice": this listing is the one written twice, struck off; the other stays, no longer flagged. */
    duplicateStruckOff: 'Xóa tên hồ sơ ghi thừa này (người này vẫn giữ hồ sơ kia, hồ sơ kia hết cảnh báo trùng)',
    duplicateMistyped:
      'Nếu là hai người và số CCCD của một người ghi nhầm: đừng xác nhận ở đây. Đóng hộp này, bấm tên để mở hồ sơ, sửa số CCCD rồi lưu: cả hai hồ sơ hết cảnh báo trùng ngay.',
    endDate: 'Ngày kết thúc sinh hoạt (dd/mm/yyyy)',
    endDateFromEvidence: (date: string) => `Theo căn cứ của cảnh báo: ngày ${date}. Sửa nếu giấy tờ ghi khác.`,
    endDateVague: (when: string) =>
      `Căn cứ chỉ ghi ${when}, chưa đủ ngày: hỏi gia đình hoặc chi hội rồi nhập ngày cụ thể (ngày/tháng/năm), đừng để ngày hôm nay.`,
    decisionTitle: (resolution: string, name: string, flag: string) =>
      `${resolution === 'CONFIRMED' ? 'Xác nhận' : resolution === 'FALSE_ALARM' ? 'Bác bỏ' : 'Đánh dấu cần chú ý'} cảnh báo "${flag}" của ${name}`,
    resolution: { CONFIRMED: 'đã xác nhận', FALSE_ALARM: 'đã bác bỏ', ATTENTION: 'Ban Dân vận đề nghị chú ý' } as Record<string, string>,
    asked: (note: string) => `theo đề nghị của Ban Dân vận: “${note}”`,
  },
  units: {
    title: 'Chi hội / đơn vị',
    intro:
      'Cây các đơn vị của tổ chức (trong phạm vi tài khoản), xếp theo tên, với số hội viên chưa kết thúc sinh hoạt của từng đơn vị kể cả các đơn vị trực thuộc. Chọn một đơn vị để xem hội viên, đánh dấu những người cần chuyển rồi bấm "Chuyển hội viên đã chọn". Chuyển sang đơn vị của xã, phường khác thì cần văn phòng đơn vị nhận đồng ý.',
    tree: 'Cây đơn vị',
    search: 'Tìm đơn vị theo tên',
    searchHint: 'Gõ tên đơn vị, có dấu hoặc không dấu',
    noMatch: (typed: string) => `Không có đơn vị nào có tên chứa "${typed}"`,
    members: (n: number) => `${n.toLocaleString('vi-VN')} hội viên`,
    /** Beside a unit with units under it: its own members, in none of them (the units under it add up to less). */
    direct: (n: number) => `trong đó ${n.toLocaleString('vi-VN')} chưa vào đơn vị nào bên dưới`,
    withEnded:
      'Danh sách này gồm cả người đã kết thúc sinh hoạt (xem cột Trạng thái); số hội viên ở cây đơn vị chỉ đếm người chưa kết thúc.',
    membersOf: (name: string) => `Hội viên của ${name}`,
    pick: 'Chọn một đơn vị trong cây',
    none: 'Chưa có đơn vị nào. Thêm đơn vị cơ sở của xã, phường trước, rồi chọn nó để thêm các chi hội; hoặc nhập danh sách có cột chi hội và chọn "Tạo các chi hội (đơn vị) … mà chưa có".',
    addBase: 'Thêm đơn vị cơ sở (xã, phường)',
    add: 'Thêm đơn vị',
    addUnder: (name: string) => `Thêm đơn vị trực thuộc ${name}`,
    rename: 'Đổi tên',
    renameTitle: (name: string) => `Đổi tên đơn vị ${name}`,
    code: 'Mã đơn vị (chữ không dấu, số, - _ .)',
    codeHelp: 'Để trống thì hệ thống tự đặt theo xã, phường và tên đơn vị; ghi vào nếu đơn vị đã có mã riêng.',
    codeAuto: 'Tự đặt theo tên',
    name: 'Tên đơn vị',
    kind: {
      PROVINCE: 'Cấp tỉnh',
      BASE: 'Cơ sở (xã, phường)',
      ENTERPRISE: 'Cơ sở (doanh nghiệp, cơ quan)',
      BRANCH: 'Chi hội, tổ',
    } as Record<string, string>,
    kindLabel: 'Loại đơn vị',
    commune: 'Xã, phường của đơn vị cơ sở',
    communeHint: 'Gõ tên xã, phường (tên cũ cũng được)',
    save: 'Lưu',
    selectAll: 'Chọn mọi hội viên chuyển được trên trang này',
    /** The move dialog, when the chosen members are now in more than one unit: where each group is. */
    fromUnits: (groups: { unit: string; n: number }[]) =>
      `Những người đã chọn đang ở ${groups.length} nơi khác nhau: ${groups.map((g) => `${g.unit} (${g.n.toLocaleString('vi-VN')})`).join(', ')}. Kiểm tra lại trước khi chuyển: người ở chi hội khác cũng sẽ rời chi hội đó.`,
    noUnit: 'chưa có chi hội',
    move: (n: number) => `Chuyển ${n} hội viên đã chọn`,
    moveTitle: (n: number) => `Chuyển sinh hoạt ${n} hội viên`,
    target: 'Đơn vị nhận',
    mine: 'Đơn vị của mình (chuyển ngay)',
    others: 'Đơn vị khác (chờ văn phòng đơn vị nhận đồng ý)',
    date: 'Ngày chuyển (dd/mm/yyyy, để trống là hôm nay)',
    reason: 'Lý do (ví dụ: chuyển nơi cư trú)',
    moved: (moved: number, asked: number) =>
      [moved ? `Đã chuyển ${moved} hội viên.` : '', asked ? `Đã gửi ${asked} yêu cầu, chờ đơn vị nhận đồng ý.` : ''].join(' ').trim(),
    failed: (name: string, why: string) => `${name}: ${why}`,
    pending: 'Chờ chuyển',
    pendingTo: (unit: string) => `Chờ ${unit} nhận`,
    declinedBy: (unit: string, why: string) => `${unit} từ chối: ${why}`,
    requests: 'Yêu cầu chuyển sinh hoạt',
    noRequests: 'Không có yêu cầu nào gửi đến đơn vị mình đang chờ',
    incoming: 'Gửi đến đơn vị mình',
    sent: 'Mình đã gửi (90 ngày gần đây)',
    sentState: { PENDING: 'Đang chờ nhận', ACCEPTED: 'Đã nhận', DECLINED: 'Bị từ chối' } as Record<string, string>,
    acceptedBy: (unit: string, who: string, when: string) => `${unit} đã nhận (${who}, ${when})`,
    request: (name: string, code: string, from: string, to: string, date: string) => `${name} (${code}): ${from} → ${to}, từ ngày ${date}`,
    sentBy: (who: string, when: string) => `Gửi bởi ${who} lúc ${when}`,
    accept: 'Nhận vào đơn vị',
    decline: 'Từ chối',
    declineTitle: (name: string) => `Từ chối nhận ${name}`,
    declineReason: 'Lý do từ chối (ít nhất 5 ký tự; đơn vị gửi sẽ đọc được)',
    cancel: 'Hủy yêu cầu',
    cancelConfirm: (name: string, unit: string) => `Hủy yêu cầu chuyển ${name} sang ${unit}? Hội viên ở lại đơn vị hiện tại.`,
    keep: 'Không hủy',
    ended: 'đã kết thúc sinh hoạt',
    transfer: 'Chuyển sinh hoạt',
    transferTitle: (name: string) => `Chuyển sinh hoạt ${name} sang đơn vị khác`,
  },
  imports: {
    title: 'Nhập danh sách từ tệp Excel hoặc CSV',
    steps: ['Chọn tệp', 'Xem trước', 'Kết quả'],
    secretariatOnly: 'Chỉ văn phòng của một tổ chức nhập được danh sách của tổ chức mình.',
    drop: 'Kéo tệp danh sách (.xlsx, .xls hoặc .csv) thả vào đây, hoặc bấm để chọn tệp',
    /** On a phone, where nothing is dragged. */
    tap: 'Chạm vào đây để chọn tệp danh sách (.xlsx, .xls hoặc .csv)',
    /** Once for the file, when numbers lost their leading 0 in Excel (each row says which number, and that it was restored). */
    formatAsText:
      'Có số CCCD hoặc số điện thoại bị Excel bỏ mất số 0 ở đầu; Liên Thông đã thêm lại. Để lần sau không mất số 0: trong Excel chọn cột đó, bấm chuột phải → Định dạng ô → Văn bản (Format Cells → Text), rồi gõ lại các số.',
    dropHint: 'Chưa có gì được ghi: bước sau cho xem từng dòng sẽ được thêm, cập nhật hay bị từ chối, vì sao.',
    createUnits: 'Tạo các chi hội (đơn vị) tệp ghi (theo mã hoặc tên) mà chưa có',
    reading: 'Đang đọc tệp…',
    refused: 'Không đọc được tệp',
    counts: 'Số dòng theo kết quả',
    fate: {
      CREATED: 'Thêm mới',
      UPDATED: 'Cập nhật',
      UNCHANGED: 'Không đổi',
      HELD: 'Chờ quyết định',
      REFUSED: 'Bị từ chối',
      SKIPPED: 'Không phải dòng hội viên',
    } as Record<string, string>,
    fateTitle: 'Kết quả',
    wrongOrganization: 'Tệp này có vẻ không phải danh sách của tổ chức mình',
    acceptReason: 'Lý do vẫn nhập (ít nhất 10 ký tự)',
    mapping: 'Cột trong tệp được đọc là',
    header: 'Cột trong tệp',
    readAs: 'Đọc là',
    mappingChanged: 'Đã sửa cách đọc cột: bấm "Xem lại" để thấy tệp được đọc theo cách này sẽ thêm, sửa những gì, rồi mới nhập.',
    previewAgain: 'Xem lại',
    /** A held row: she says which listed member it is, or that it is someone else. */
    held: {
      title: 'Quyết định',
      label: (name: string, row: number) => `Dòng ${row} (${name}) là ai`,
      later: 'Để sau (chưa nhập dòng này)',
      /** A row held as the same person as another row of her file. */
      sameAsOtherRow: 'Cùng một người với dòng kia: không nhập dòng này',
      /** A candidate as she tells namesakes apart: name, birth, village, unit, phone — and whether its membership has ended. */
      is: (c: {
        code: string;
        fullName: string | null;
        birthDate: string | null;
        unit: string | null;
        phone: string | null;
        village?: string | null;
        ended?: boolean;
      }) =>
        c.fullName === null
          ? `Là hồ sơ ${c.code} (ở chi hội/đơn vị khác)`
          : `Là hồ sơ ${c.code}: ${[
              c.fullName,
              c.birthDate ? `sinh ${partialDate(c.birthDate)}` : null,
              c.village,
              c.unit,
              c.phone ? `SĐT ${c.phone}` : 'không có SĐT',
              c.ended ? 'đã kết thúc sinh hoạt' : null,
            ]
              .filter(Boolean)
              .join(', ')}`,
      someoneElse: 'Người khác: thêm hồ sơ mới',
      /** What her file says of the held row, beside its candidates. */
      said: (s: { birthDate: string | null; unit: string | null; phone: string | null }) =>
        `Trong tệp: ${[s.birthDate ? `sinh ${partialDate(s.birthDate)}` : 'không ghi ngày sinh', s.unit, s.phone ? `SĐT ${s.phone}` : 'không có SĐT'].filter(Boolean).join(', ')}`,
      banner: (n: number) => `${n.toLocaleString('vi-VN')} dòng chờ quyết định: chưa được nhập`,
      /** On a phone the choice sits under each row's name: there is no column to point to. */
      bannerBody: (phone: boolean) =>
        `Mỗi dòng này trùng họ tên và năm sinh với một hội viên đã có (hoặc với một dòng khác của chính tệp này) nhưng chưa đủ căn cứ là một người. ${phone ? 'Ở ô chọn dưới tên mỗi dòng' : 'Ở cột "Quyết định"'}, chọn hồ sơ đó là ai (so ngày sinh, chi hội, số điện thoại trong tệp với hồ sơ đã có), hoặc "Người khác" nếu là người mới; nút "Xem lại" hiện ra khi bạn đã chọn. Dòng để sau thì không được nhập lần này.`,
      onlyHeld: 'Chỉ xem các dòng chờ quyết định',
      byYou: 'theo quyết định của bạn',
      keepCodes: 'Lần sau, hãy nhập tệp kết quả này (có cột Mã hồ sơ) thay cho tệp cũ: mỗi dòng đã có mã thì không phải quyết định lại.',
      decided: (n: number) =>
        `Bạn đã quyết định ${n.toLocaleString('vi-VN')} dòng chờ quyết định: bấm "Xem lại" để thấy kế hoạch theo các quyết định này, rồi mới nhập.`,
    },
    rows: 'Từng dòng',
    row: 'Dòng',
    skipped: (n: number) => `Xem ${n.toLocaleString('vi-VN')} dòng không phải hội viên (tiêu đề, tổng cộng, chữ ký…) và vì sao được bỏ qua`,
    reason: 'Lý do, thay đổi, cảnh báo',
    changes: 'Thay đổi',
    /** A field an updated row changes, before → after. */
    edit: (field: string, before: string | null, after: string | null) => `${field}: ${before ?? '(trống)'} → ${after ?? '(trống)'}`,
    /** What a row's Ghi chú says: kept on the record for her to take or not after the import (nothing applied). */
    noteSays: (kinds: string[]) =>
      `Ghi chú: ${kinds.join(', ')} — sau khi nhập, xem ở hồ sơ (lọc "Ghi chú trong tệp nhập chưa xử lý") để nhận hoặc không`,
    /** A preview row of a workbook with several sheets. */
    sheetRow: (sheet: string, row: number) => `${sheet} · ${row}`,
    /** A change of the organization's own fields when the server does not say which. */
    more: 'Xem thêm dòng',
    confirm: 'Nhập vào danh sách',
    /** Of the rows written, those with a warning (a cell that could not be read is left empty): after the fates' counts. */
    warnedAhead: 'Trong đó có cảnh báo (vẫn nhập)',
    onlyToLook: 'Chỉ xem các dòng cần xem lại (có thay đổi, ghi chú, cảnh báo, bị từ chối, chờ quyết định)',
    nothingToImport: 'Chưa có dòng nào nhập được: sửa các dòng bị từ chối (hoặc quyết định các dòng chờ) rồi bấm "Xem lại".',
    cancel: 'Hủy',
    progress: (rows: number) => `Đã ghi ${rows.toLocaleString('vi-VN')} dòng`,
    done: (name: string) => `Đã nhập xong tệp ${name}`,
    undone: 'Đã hoàn tác lượt nhập này',
    failed: 'Lượt nhập dừng vì lỗi',
    /** A 413 from a proxy in front of the server (its own page, no message of ours). */
    tooLarge: 'Tệp quá lớn để tải lên (tối đa 200 MB): hãy lưu danh sách dạng Excel (.xlsx) hoặc chia thành nhiều tệp nhỏ hơn rồi gửi lại',
    warned: 'Đã nhập, có cảnh báo',
    /** Her file's Ghi chú said some died or moved: nothing is ended until she decides, and she is told so. */
    openNotes: (n: number) =>
      `${n} hội viên có ghi chú trong tệp (đã mất, chuyển đi, đi làm ăn xa, bỏ sinh hoạt, cùng là hội viên tổ chức khác…) chưa được xử lý: người có ghi chú đã mất, chuyển đi vẫn được tính là đang sinh hoạt cho đến khi bạn chấp nhận hoặc bỏ qua từng ghi chú.`,
    openNotesLink: 'Mở danh sách những người này để xử lý',
    errorFile: 'Tải tệp các dòng bị từ chối (để sửa rồi nhập lại)',
    resultFile: 'Tải tệp kết quả (mã hồ sơ đã gán)',
    /** After an import: the members of the chi hội her file covers that it no longer lists. */
    absent: {
      title: (n: number) =>
        n ? `${n.toLocaleString('vi-VN')} hội viên không có tên trong tệp này` : 'Không còn ai vắng tên trong tệp này',
      body: 'Họ chưa kết thúc sinh hoạt ở các chi hội (đơn vị) mà tệp này có, nhưng tệp không ghi tên. Nếu tệp là toàn bộ danh sách, có thể họ đã chuyển đi, đã mất hoặc thôi sinh hoạt: chọn những người đó rồi bấm "Kết thúc sinh hoạt". Người vẫn sinh hoạt: chọn rồi bấm "Giữ lại" để lần sau không hỏi lại. Lượt nhập không kết thúc sinh hoạt của ai.',
      first: (n: number) => `Hiện ${n.toLocaleString('vi-VN')} người đầu tiên theo tên.`,
      foretold: (n: number) =>
        `${n.toLocaleString('vi-VN')} hội viên chưa kết thúc sinh hoạt ở các chi hội tệp này có nhưng tệp không ghi tên. Nhập xong, danh sách họ hiện ở bước Kết quả để bạn chọn người cần kết thúc sinh hoạt hoặc giữ lại; lượt nhập không kết thúc sinh hoạt của ai.`,
      name: 'Họ và tên',
      birth: 'Ngày sinh',
      unit: 'Chi hội / đơn vị',
      code: 'Mã hồ sơ',
      selectAll: 'Chọn tất cả những người này',
      end: (n: number) => (n ? `Kết thúc sinh hoạt (${n.toLocaleString('vi-VN')} người đã chọn)` : 'Kết thúc sinh hoạt (chọn người trước)'),
      ended: (n: number) => `Đã kết thúc sinh hoạt của ${n.toLocaleString('vi-VN')} người`,
      keep: (n: number) => (n ? `Giữ lại (${n.toLocaleString('vi-VN')} người đã chọn)` : 'Giữ lại (chọn người trước)'),
      keepTitle: (n: number) => `Giữ lại ${n.toLocaleString('vi-VN')} người vẫn sinh hoạt`,
      keepBody:
        'Họ vẫn là hội viên (đi làm ăn xa, ốm, tệp ghi sót…). Lần sau nếu tệp vẫn không có tên họ, họ không hiện lại ở đây; khi một tệp ghi lại tên họ, dấu "giữ lại" tự bỏ.',
      keepReason: 'Lý do giữ lại',
      keepReasonNeeded: 'Cần ghi lý do giữ lại',
      keepHint: 'Ví dụ: đi làm ăn xa, vẫn đóng hội phí',
      keepOk: 'Giữ lại',
      keptDone: (n: number) => `Đã giữ lại ${n.toLocaleString('vi-VN')} người: lần sau không hỏi lại chừng nào tệp vẫn không có tên họ`,
      keptCount: (n: number) => `${n.toLocaleString('vi-VN')} người bạn đã giữ lại cũng không có tên trong tệp này.`,
      showKept: 'Xem cả những người đã giữ lại',
      hideKept: 'Ẩn những người đã giữ lại',
      keptTag: (on: string, reason: string) => `Đã giữ lại ${on}: ${reason}`,
    },
    undo: 'Hoàn tác lượt nhập',
    undoTitle: 'Hoàn tác lượt nhập này?',
    undoBody:
      'Các hồ sơ lượt này thêm sẽ bị xóa, các thay đổi được trả lại như cũ; các chi hội/đơn vị lượt này tạo mà không còn ai dùng cũng được xóa. Làm được trong 30 ngày nếu chưa ai sửa các hồ sơ đó.',
    undoReason: 'Lý do hoàn tác (ít nhất 10 ký tự)',
    another: 'Nhập tệp khác',
    template: 'Tải tệp mẫu (.xlsx)',
    notUsed: 'Không dùng',
    notUsedTag: 'không dùng',
    unitField: 'Chi hội / đơn vị (mã hoặc tên)',
    withoutUnit: (n: number) => `${n.toLocaleString('vi-VN')} dòng chưa có chi hội/đơn vị`,
    withoutUnitBody:
      'Các hội viên này sẽ được nhập mà không thuộc chi hội/đơn vị nào. Nếu tệp có cột ghi chi hội (tổ, thôn/xóm…), chọn "Chi hội / đơn vị" cho cột đó ở bảng dưới; hoặc sửa tệp rồi nhập lại.',
    withoutUnitOwnBody: (unit: string) =>
      `Các hội viên này chưa ghi chi hội nên sẽ được nhập vào đơn vị của tài khoản bạn (mã ${unit}). Nếu tệp có cột ghi chi hội (tổ, thôn/xóm…), chọn "Chi hội / đơn vị" cho cột đó ở bảng dưới; hoặc sau khi nhập, chuyển họ vào đúng chi hội ở màn hình "Chi hội / đơn vị".`,
    withoutUnitHeadingBody:
      'Các dòng này nằm dưới một dòng tên chi hội (như "I. CHI HỘI BẢN …") không khớp chi hội nào của bạn (xem lý do ở từng dòng bên dưới). Hội viên đã có trong danh sách vẫn giữ chi hội đang có; hội viên mới được nhập vào đơn vị của bạn. Hãy sửa dòng tên chi hội cho đúng rồi nhập lại, hoặc đánh dấu "Tạo các chi hội (đơn vị) … mà chưa có" dưới đây rồi bấm "Xem lại".',
    withoutUnitMappedBody:
      'Tệp có cột chi hội, nhưng ở các dòng này ô chi hội để trống hoặc ghi một tên không khớp chi hội nào của bạn (xem lý do ở từng dòng bên dưới). Hội viên đã có trong danh sách vẫn giữ chi hội đang có; hội viên mới được nhập chưa có chi hội. Hãy sửa tên cho đúng rồi nhập lại, hoặc đánh dấu "Tạo các chi hội (đơn vị) … mà chưa có" dưới đây rồi bấm "Xem lại".',
    withoutUnitNotCreated:
      'Đã chọn tạo chi hội (đơn vị) mới, nhưng chi hội của các dòng này chưa tạo được — xem lý do ở từng dòng, thường vì tệp không cho biết xã, phường của dòng. Thêm cột "Xã/phường" hoặc "Địa chỉ" vào tệp rồi nhập lại; hoặc nhập rồi chuyển họ vào đúng chi hội ở màn hình "Chi hội / đơn vị".',
    sheetNotes: 'Lưu ý khi đọc các trang tính của tệp',
    /** The units the confirmation will create (she ticked "Tạo các chi hội…"), named as her file writes them. */
    unitsToCreate: (names: readonly string[]) =>
      `Khi nhập sẽ tạo ${names.length.toLocaleString('vi-VN')} chi hội/đơn vị mới: ${names.join(', ')}. Nếu có tên viết sai (trùng với chi hội đã có), hãy sửa tệp rồi nhập lại.`,
    sheetNote: (sheet: string | null, note: string) => (sheet ? `Trang tính "${sheet}": ${note}` : note),
    unusedHint: 'Các cột "không dùng" sẽ bị bỏ qua khi nhập. Chọn cách đọc nếu cột đó có dữ liệu cần nhập.',
    /** A row that moves its member to another chi hội: from where to where (a move she made in the console, undone by an older list?). */
    unitNew: (unit: string, created: boolean) => `vào ${unit}${created ? ' (tạo mới khi nhập)' : ''}`,
    unitMove: (from: string | null, to: string | null, created: boolean) =>
      `chuyển từ ${from ?? 'chưa có chi hội'} sang ${to ?? 'chưa có chi hội'}${created ? ' (tạo mới khi nhập)' : ''} — nếu bạn vừa chuyển người này trên màn hình Chi hội / đơn vị, hãy sửa chi hội của người này trong tệp (ô chi hội, hoặc chuyển dòng sang trang tính hay dưới dòng tên chi hội mới)`,
    remembered: (headers: readonly string[]) =>
      `Đọc như lần nhập trước văn phòng bạn đã sửa: cột ${headers.map((h) => `"${h}"`).join(', ')}. Nếu tệp này khác, sửa lại ở bảng dưới.`,
    past: {
      title: 'Các lượt nhập gần đây',
      empty: 'Chưa có lượt nhập nào.',
      when: 'Thời gian',
      by: 'Người nhập',
      counts: (created: number, updated: number, refused: number, held: number) =>
        `Thêm mới ${created.toLocaleString('vi-VN')} · Cập nhật ${updated.toLocaleString('vi-VN')} · Bị từ chối ${refused.toLocaleString('vi-VN')}${held ? ` · Chờ quyết định (chưa nhập) ${held.toLocaleString('vi-VN')}` : ''}`,
      status: {
        DONE: 'Đã nhập xong',
        UNDONE: 'Đã hoàn tác',
        FAILED: 'Dừng vì lỗi',
        RUNNING: 'Đang nhập',
        NEEDS_CONFIRMATION: 'Chờ xác nhận',
        PREVIEW: 'Đang xem trước',
      } as Record<string, string>,
      undo: 'Hoàn tác',
      resume: 'Xem tiếp',
      open: 'Xem kết quả',
      openLabel: (file: string, when: string) => `Xem kết quả lượt nhập tệp ${file} lúc ${when}`,
      notYet: 'Chưa nhập: bấm "Xem tiếp" để xem lại từng dòng rồi nhập',
      resumeLabel: (file: string, when: string) => `Xem tiếp bản xem trước tệp ${file} lúc ${when}`,
      undoLabel: (file: string, when: string) => `Hoàn tác lượt nhập tệp ${file} lúc ${when}`,
      undoneBy: (by: string, when: string, unitsRemoved: number) =>
        `Đã hoàn tác bởi ${by} lúc ${when}${unitsRemoved ? `; đã xóa ${unitsRemoved.toLocaleString('vi-VN')} chi hội/đơn vị lượt nhập đã tạo` : ''}`,
      blocked: (why: string) => `Không hoàn tác được: ${why}`,
      undoTitle: (file: string) => `Hoàn tác lượt nhập tệp ${file}?`,
      undoDone: (file: string) => `Đã hoàn tác lượt nhập tệp ${file}.`,
    },
  },
  session: {
    expiring: 'Phiên làm việc sắp hết hạn',
    expiringBody: (minutes: number) => `Phiên sẽ hết hạn sau khoảng ${minutes} phút. Bấm "Tiếp tục làm việc" để giữ phiên.`,
    keep: 'Tiếp tục làm việc',
    ended: 'Phiên làm việc đã hết: đăng nhập lại.',
  },
  roster: {
    /** On a phone, under her members: Excel, print, báo cáo tăng, giảm. */
    outputs: 'Xuất, in danh sách và báo cáo',
    otherOrganizations: (list: string) =>
      `Ở xã này còn có hội viên của: ${list}. Chọn tổ chức ở ô "Tổ chức" để xem danh sách của tổ chức đó.`,
    title: 'Danh sách',
    organization: 'Tổ chức',
    search: 'Tìm theo tên (gõ có dấu hoặc không), số điện thoại (cả mấy số cuối), CCCD hoặc mã hồ sơ (cả một phần mã)',
    status: 'Trạng thái',
    anyStatus: 'Mọi trạng thái',
    statusLoading: 'Đang tải trạng thái…',
    unit: 'Chi hội / đơn vị',
    anyUnit: 'Mọi đơn vị',
    commune: 'Xã / phường',
    anyCommune: 'Mọi xã, phường',
    columns: 'Chọn cột',
    export: 'Xuất Excel (CCCD che một phần)',
    total: (n: number, capped = false) => `${capped ? 'hơn ' : ''}${n.toLocaleString('vi-VN')} hồ sơ`,
    shown: (n: number, capped: boolean, offset: number, rows: number) =>
      `Tổng số hồ sơ: ${capped ? 'hơn ' : ''}${n.toLocaleString('vi-VN')}${rows && (offset > 0 || rows < n) ? ` (đang xem ${(offset + 1).toLocaleString('vi-VN')}–${(offset + rows).toLocaleString('vi-VN')})` : ''}`,
    first: 'Trang đầu',
    next: 'Trang sau',
    empty: 'Không có hồ sơ nào khớp',
    everyStatus: (status: string) => `Chỉ tìm trong "${status}": bấm để tìm trong mọi trạng thái (đã chuyển đi, đã mất…)`,
    emptyPartialNumber:
      'Không có hồ sơ nào khớp. Số CCCD cần gõ đủ 12 chữ số; số điện thoại gõ đủ 10 chữ số hoặc từ 3 số cuối trở lên; một phần số ở giữa chỉ tìm được trong mã hồ sơ.',
    flag: 'Cảnh báo',
    /** The flag filter's last option: records whose imported Ghi chú (đã mất, đã chuyển đi…) nobody has answered. */
    openNotes: 'Ghi chú trong tệp nhập chưa xử lý',
    anyFlag: 'Có hay không có cảnh báo',
    add: 'Thêm hội viên',
    filters: (on: number) => (on ? `Lọc (${on} đang bật)` : 'Lọc'),
    filterPanel: 'Bộ lọc',
  },
  form: {
    addTitle: 'Thêm hội viên',
    editTitle: (name: string) => `Sửa hồ sơ ${name}`,
    fullName: 'Họ và tên',
    birthDate: 'Ngày sinh (dd/mm/yyyy; chỉ năm cũng được)',
    sex: 'Giới tính',
    ethnicity: 'Dân tộc',
    idNumber: 'Số CCCD (12 số)',
    idNumberKept: (masked: string) => `Để trống: giữ số cũ ${masked}`,
    phone: 'Số điện thoại',
    phoneKept: (masked: string) => `Để trống: giữ số cũ ${masked}`,
    commune: 'Xã / phường nơi ở (gõ tên, tên cũ hay không dấu đều được)',
    village: 'Thôn, bản, xóm hoặc tổ dân phố',
    villageHint: 'Ví dụ: Thôn Đông, Bản Na Sang, Tổ 5',
    /** A commune in a picker: one of another province (than the deployment's) names its province. */
    communeOption: (name: string, code: string, otherProvince?: string, former?: string) =>
      `${otherProvince ? `${name} — ${otherProvince} (${code})` : `${name} (${code})`}${former ? `, trước đây gồm ${former}` : ''}`,
    unit: 'Chi hội / đơn vị',
    joinDate: 'Ngày vào (dd/mm/yyyy; chỉ năm cũng được)',
    code: 'Mã hồ sơ (để trống: hệ thống tự đặt)',
    reason: 'Lý do sửa (ghi vào nhật ký, nếu có)',
    save: 'Lưu hồ sơ',
    cancel: 'Hủy',
    /** Closing the form (Esc, ✕, Hủy) with what she typed unsaved: asked first, never thrown away unsaid. */
    discardTitle: 'Bỏ những gì đã nhập?',
    discardBody: 'Hồ sơ chưa được lưu. Đóng bây giờ thì những gì bạn vừa nhập sẽ mất.',
    discard: 'Bỏ, đóng lại',
    keepEditing: 'Nhập tiếp',
    required: 'Chưa nhập',
    saved: (name: string) => `Đã lưu hồ sơ ${name}`,
    conflict: 'Hồ sơ này vừa được người khác sửa. Tải lại để xem bản mới rồi sửa tiếp (những gì bạn gõ sẽ mất).',
    reload: 'Tải lại hồ sơ',
    sameCccdTitle: 'Đã có hồ sơ cùng số CCCD trong tổ chức',
    sameNameTitle: 'Có thể đã có hồ sơ của người này trong tổ chức',
    erasedTitle: 'Người này đã yêu cầu xóa dữ liệu cá nhân',
    saveAnyway: 'Vẫn lưu',
    dontSave: 'Không lưu, xem lại',
    checking: 'Đang kiểm tra trùng…',
    duplicatesTitle: (n: number) => `Có thể đã có người này: ${n} hồ sơ gần giống`,
    duplicatesHint: 'Kiểm tra trước khi lưu: nếu đúng là cùng một người ở tổ chức của mình, đừng thêm mới mà mở hồ sơ đó để sửa.',
    /** Every candidate is another organization's member: adding her to hers is right, the two records are linked as one person. */
    elsewhereHint:
      'Người này có thể đã có tên trong tổ chức khác. Vẫn thêm được vào tổ chức của bạn: hai hồ sơ sẽ được liên kết là cùng một người, không tính hai lần.',
    noDuplicates: 'Không thấy hồ sơ nào gần giống',
    noOtherDuplicates: 'Không thấy hồ sơ nào khác gần giống trong tổ chức của bạn',
    duplicateCheckNeeds: 'Nhập họ tên và ngày sinh (chỉ năm cũng được) để kiểm tra trùng.',
    /** Her own organization's record like the one she is adding: what agrees follows; the save asks before a second record. */
    bornOn: (date: string) => `sinh ${date}`,
    ownCandidate: (name: string | null, status: string) =>
      name ? `${name} — đã có trong tổ chức của bạn, ${status}` : `Một hồ sơ của tổ chức bạn (ngoài quyền xem của bạn) — ${status}`,
    candidate: (name: string | null, org: string, status: string, chance: string) =>
      name ? `${name} — ${org}, ${status}: ${chance}` : `Thành viên của ${org} (ngoài quyền xem của bạn) — ${status}: ${chance}`,
    eligibilityTitle: 'Lưu ý về điều kiện vào tổ chức',
    openCandidate: 'Mở hồ sơ này',
    /** A field of the organization's own that is a date: how to write it. */
    profileDate: (label: string) => `${label} (dd/mm/yyyy; chỉ năm cũng được)`,
    yesNo: ['Có', 'Không'],
    sexOptions: [
      { value: 'FEMALE', label: 'Nữ' },
      { value: 'MALE', label: 'Nam' },
    ],
  },
  /** One member's full CCCD, for a reason, logged. */
  reveal: {
    action: 'Xem số đầy đủ',
    title: (name: string) => `Xem số CCCD đầy đủ của ${name}`,
    why: 'Số CCCD là dữ liệu cá nhân: chỉ xem khi cần (đối chiếu với thẻ, theo yêu cầu của cơ quan có thẩm quyền). Lần xem được ghi nhật ký cùng lý do; số không được lưu lại trên màn hình.',
    reason: 'Lý do xem (ít nhất 10 ký tự)',
    submit: 'Xem số',
    number: 'Số CCCD',
    enteredAs: (v: string) => `Trong tệp gốc ghi là: ${v}`,
    logged: 'Lần xem này đã được ghi nhật ký.',
    close: 'Đóng',
  },
  end: {
    action: 'Kết thúc sinh hoạt',
    title: (name: string) => `Kết thúc sinh hoạt của ${name}`,
    titleMany: (n: number) => `Kết thúc sinh hoạt của ${n.toLocaleString('vi-VN')} hội viên`,
    /** Some of several were refused: each is named under it, with why. */
    refused: (n: number) => `${n.toLocaleString('vi-VN')} người chưa kết thúc được:`,
    whom: 'Những người sẽ kết thúc sinh hoạt',
    status: 'Lý do kết thúc',
    date: 'Ngày có hiệu lực (dd/mm/yyyy)',
    reason: 'Căn cứ (quyết định, giấy báo tử, đơn xin ra…)',
    save: 'Kết thúc sinh hoạt',
    done: 'Đã kết thúc sinh hoạt',
    transferredHint:
      'Chuyển đến một chi hội, đơn vị khác có trong phần mềm: đóng hộp này và dùng nút "Chuyển sinh hoạt" (đơn vị nhận sẽ tiếp nhận hồ sơ). Chọn lý do này khi người đó chuyển đi nơi khác ngoài phần mềm.',
  },
  reinstate: {
    action: 'Cho sinh hoạt lại',
    title: (name: string) => `Cho ${name} sinh hoạt lại`,
    date: 'Ngày sinh hoạt lại (dd/mm/yyyy)',
    reason: 'Lý do (ví dụ: báo mất nhầm, đã trở về địa phương)',
    mistaken: 'Lần kết thúc này là nhầm (ví dụ: báo tử nhầm người)',
    mistakenHelp:
      'Hủy lần kết thúc từ chính ngày đó: báo cáo tăng, giảm không tính người này là giảm rồi tăng. Không đánh dấu nếu người này thật sự đã thôi rồi nay sinh hoạt lại.',
    save: 'Cho sinh hoạt lại',
    done: 'Đã cho sinh hoạt lại',
  },
  outputs: {
    noOrganization: 'Chưa chọn danh sách để in: vào màn hình Danh sách, chọn tổ chức và bộ lọc, rồi bấm "In danh sách".',
    print: 'In danh sách',
    /** A group's heading on a printed roster of several chi hội. */
    section: (unit: string, n: number) => `${unit} (${n.toLocaleString('vi-VN')} người)`,
    noUnitSection: 'Chưa xếp chi hội',
    clearExport: 'Xuất kèm số CCCD đầy đủ',
    clearTitle: 'Xuất danh sách kèm số CCCD đầy đủ',
    clearBody:
      'Tệp Excel sẽ có số CCCD đầy đủ của mọi người trong danh sách đang xem (theo tổ chức và chi hội đã chọn). Chỉ văn phòng của chính tổ chức được xuất. Lần xuất được ghi nhật ký cùng lý do và số người; không gửi tiếp tệp, xóa tệp khi dùng xong.',
    reason: 'Lý do xuất (ít nhất 10 ký tự, ví dụ: đối chiếu với Công an xã theo công văn số …)',
    submit: 'Xuất tệp',
    cancel: 'Hủy',
    done: 'Đã xuất tệp, lần xuất đã được ghi nhật ký.',
    back: 'Quay lại danh sách',
    printNow: 'In (khổ A4 ngang)',
    printHint: 'Bấm "In" rồi chọn máy in, hoặc "Lưu thành PDF". Phần này không được in.',
    loading: 'Đang tải danh sách để in…',
    capped: (total: number, cap: number) =>
      `Danh sách có ${total.toLocaleString('vi-VN')} người; bản in chỉ gồm ${cap.toLocaleString('vi-VN')} người đầu (theo tên). Hãy lọc theo chi hội hoặc xã, phường để in từng phần, hoặc dùng Xuất Excel cho cả danh sách.`,
    title: (term: string) => `DANH SÁCH ${term.toUpperCase()}`,
    /** The list filtered by a warning: those a commune is asked to check. */
    reviewTitle: (term: string) => `DANH SÁCH ${term.toUpperCase()} CẦN RÀ SOÁT`,
    flag: 'Cảnh báo',
    unit: 'Đơn vị',
    commune: 'Xã, phường',
    status: 'Trạng thái',
    /**
     * `Tổng số: 3 đoàn viên; trong đó: Đang sinh hoạt: 2, Sinh hoạt tạm thời: 1.`; with ended memberships,
     * records and members apart (as the exported file's foot says it: the dead are never read as members).
     */
    count: (term: string, c: StatusCounts) => {
      const n = (v: number) => v.toLocaleString('vi-VN');
      // The women among the members, as the exported file's foot says it (not where every one is).
      const women = c.live.women === c.live.n ? '' : `; nữ: ${n(c.live.women)}`;
      if (!c.ended.n)
        return `Tổng số: ${n(c.live.n)} ${term}${c.live.parts.length ? `; trong đó: ${c.live.parts.join(', ')}${women}` : ''}.`;
      if (!c.live.n) return `Tổng số: ${n(c.ended.n)} hồ sơ đã kết thúc; trong đó: ${c.ended.parts.join(', ')}.`;
      return `Tổng số: ${n(c.live.n + c.ended.n)} hồ sơ: ${n(c.live.n)} ${term} (${c.live.parts.join(', ')}${women}) và ${n(c.ended.n)} hồ sơ đã kết thúc (${c.ended.parts.join(', ')}).`;
    },
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    asOf: (d: { day: string; month: string; year: string }) => `Tính đến ngày ${d.day}/${d.month}/${d.year}`,
    placeDate: (place: string | null, d: { day: string; month: string; year: string }) =>
      `${place ?? '……………'}, ngày ${d.day} tháng ${d.month} năm ${d.year}`,
    maker: 'NGƯỜI LẬP BIỂU',
    /** A report's number, written by hand once registered (Nghị định 30/2020: under the issuer). */
    number: 'Số: ……/BC-……',
    /** A report's recipients, at its foot's left. */
    recipients: 'Nơi nhận:',
    recipientLines: (communeName: string | null) => [
      '- Cấp trên trực tiếp (để báo cáo);',
      // "Đảng ủy xã Mường Phăng": the commune's kind in lower case after the body's name.
      `- Đảng ủy ${communeName ? communeName[0].toLowerCase() + communeName.slice(1) : 'xã'} (để báo cáo);`,
      '- Lưu.',
    ],
    /** A branch's (chi hội, chi đoàn): to its base unit's committee and to the chi bộ beside it, not to the commune's Đảng ủy. */
    branchRecipientLines: (superior: string | null) => [
      `- ${superior ? `Ban Chấp hành ${superior}` : 'Cấp trên trực tiếp'} (để báo cáo);`,
      '- Chi bộ (để báo cáo);',
      '- Lưu.',
    ],
    board: 'TM. BAN CHẤP HÀNH',
    signHint: '(Ký, ghi rõ họ tên)',
    stampHint: '(Ký tên, đóng dấu)',
  },
  /** The báo cáo tăng, giảm (her roster's movement over a quarter or a year), as it is filed. */
  movement: {
    action: 'Báo cáo tăng, giảm',
    title: (term: string) => `BÁO CÁO TĂNG, GIẢM ${term.toUpperCase()}`,
    span: (label: string, from: string, to: string) => `${label} (từ ngày ${from} đến ngày ${to})`,
    period: 'Kỳ báo cáo',
    running: (label: string) => `${label} (đang diễn ra: tính đến hôm nay)`,
    loading: 'Đang tính số liệu…',
    noOrganization: 'Chưa chọn tổ chức: vào màn hình Danh sách, chọn tổ chức, rồi bấm "Báo cáo tăng, giảm".',
    atStart: 'Đầu kỳ',
    in: 'Tăng trong kỳ',
    out: 'Giảm trong kỳ',
    admitted: 'Kết nạp mới',
    other: 'Khác',
    atEnd: 'Cuối kỳ',
    total: 'Tổng cộng',
    table: 'Bảng số liệu tăng, giảm theo chi hội',
    scrollHint: 'Bảng rộng: kéo sang ngang để xem hết các cột.',
    noUnit: '(chưa xếp chi hội)',
    notes: (from: string) =>
      `Đầu kỳ: số hội viên đang sinh hoạt đến hết ngày trước ${from}; cuối kỳ: đến hết ngày cuối kỳ, theo lịch sử sinh hoạt đã ghi. Kết nạp mới: theo ngày vào tổ chức ghi trong hồ sơ. Giảm: theo ngày có hiệu lực của việc kết thúc sinh hoạt; hội viên chuyển sinh hoạt sang đơn vị ngoài phạm vi của bạn (xã khác) được tính ở cột Đã chuyển sinh hoạt. Khác: người được đưa vào danh sách mà không ghi ngày vào, cho sinh hoạt lại, tạm dừng sinh hoạt, chuyển giữa các chi hội — để mỗi dòng cộng đúng. Mỗi chi hội tính theo hội viên đang thuộc chi hội đó.`,
  },
  column: {
    stt: 'STT',
    name: 'Họ và tên',
    birth: 'Ngày sinh',
    sex: 'Giới tính',
    unit: 'Đơn vị',
    commune: 'Xã / phường',
    village: 'Thôn/bản',
    position: 'Chức vụ',
    status: 'Trạng thái',
    code: 'Mã hồ sơ',
    idNumber: 'Số CCCD',
    phone: 'Điện thoại',
    flags: 'Cảnh báo',
  },
  sex: { MALE: 'Nam', FEMALE: 'Nữ' } as Record<string, string>,
  member: {
    title: 'Hồ sơ',
    fields: 'Thông tin',
    history: 'Quá trình',
    flags: 'Cảnh báo và lý do',
    noFlags: 'Không có cảnh báo',
    noFlagsYet: 'Chưa có cảnh báo: hồ sơ chưa được đối chiếu. Cảnh báo (kể cả quá tuổi) có sau lần rà soát tới.',
    noHistory: 'Chưa có sự kiện',
    joined: 'Ngày vào',
    /** In the record's organization's word (đoàn phí for a Đoàn member, whoever reads it). */
    lastDues: (dues: string) => `Đóng ${dues} gần nhất`,
    lastActivity: 'Sinh hoạt gần nhất',
    /** Ethnicity and village to a viewer who does not manage the record: withheld, not empty. */
    keptByOffice: '(chỉ văn phòng của tổ chức xem được)',
    ethnicity: 'Dân tộc',
    village: 'Thôn/bản',
    /** The commune as her list or the form wrote it (an old code or name kept), beside today's. */
    enteredCommune: 'Xã như đã ghi khi nhập',
    updated: 'Cập nhật lúc',
    close: 'Đóng',
    eligibility: 'Điều kiện',
    /** What the import that last wrote the record could not take as she typed it (a 31/02 birth date left empty): hers to correct. */
    importWarnings: (day: string) =>
      `Khi nhập danh sách ngày ${day}, dòng của hội viên này có các cảnh báo sau (xem lại, sửa trong hồ sơ nếu cần):`,
    edit: 'Sửa hồ sơ',
    person: 'Cùng một người ở các tổ chức',
    openPerson: 'Xem, tách hoặc gộp người này',
    notLinked: 'Hồ sơ chưa được đối chiếu (lần rà soát sau sẽ đối chiếu).',
    onlyHere: 'Không thấy người này ở tổ chức nào khác.',
    alsoIn: (org: string, name: string | null, status: string, commune: string) =>
      `${org}: ${name ?? 'hồ sơ ngoài quyền xem của bạn'} — ${status}, ${commune}`,
  },
  /** What the Ghi chú cells of her imports said of a member (died, moved away, old CMND, member elsewhere): hers to take or not. */
  notes: {
    title: 'Ghi chú trong tệp đã nhập',
    intro:
      'Những điều cột Ghi chú của tệp đã nhập cho biết về hội viên này. Chưa có gì được áp dụng: "Nhận" gắn cảnh báo tương ứng cho hồ sơ (trạng thái không đổi — nếu đúng, bấm "Kết thúc sinh hoạt" ở trên); "Không nhận" ghi lại lý do.',
    introDecided: 'Những điều cột Ghi chú của tệp đã nhập cho biết về hội viên này, và quyết định đã ghi cho từng điều.',
    kind: {
      DIED: 'Đã mất',
      MOVED_AWAY: 'Đã chuyển đi',
      AWAY: 'Đi làm ăn xa, tạm vắng',
      LEFT_WORK: 'Đã nghỉ việc, nghỉ hưu',
      INACTIVE: 'Bỏ sinh hoạt',
      OLD_ID_CARD: 'Còn CMND cũ',
      ALSO_MEMBER: 'Có tên ở tổ chức khác',
    } as Record<string, string>,
    status: { OPEN: 'Chờ xem xét', ACCEPTED: 'Đã nhận', DISMISSED: 'Không nhận' } as Record<string, string>,
    said: (evidence: string) => `Ghi chú: "${evidence}"`,
    detail: (detail: string) => `Nơi/tổ chức: ${detail}`,
    when: (when: string) => `Thời điểm: ${when}`,
    decided: (status: string, by: string, at: string, reason: string | null) => `${status} — ${by}, ${at}${reason ? ` (${reason})` : ''}`,
    accept: 'Nhận',
    acceptConfirm: (kind: string) => `Gắn cảnh báo "${kind}" cho hồ sơ này? Trạng thái sinh hoạt không đổi.`,
    dismiss: 'Không nhận',
    dismissTitle: 'Không nhận ghi chú này',
    dismissReason: 'Lý do (bắt buộc, ví dụ: đã kiểm tra, vẫn sinh hoạt)',
    save: 'Lưu',
    open: (n: number) => `${n} ghi chú cần xem xét`,
  },
  /** An admission with no join date (a roster kept before, imported): listed, not "Kết nạp" on the import day. */
  listed: 'Vào danh sách (chưa ghi ngày vào)',
  event: { ADMITTED: 'Kết nạp', ENDED: 'Kết thúc sinh hoạt', STATUS_CHANGED: 'Đổi trạng thái', TRANSFERRED: 'Chuyển sinh hoạt' } as Record<
    string,
    string
  >,
  /** A history line's change of status, in her words: how it ended, taken back, or from what to what. */
  eventStatus: {
    ended: (status: string, voided: boolean) => `Kết thúc sinh hoạt: ${status}${voided ? ' — nhầm, đã hủy' : ''}`,
    voiding: 'Hủy lần kết thúc nhầm, sinh hoạt như trước',
    reinstated: 'Cho sinh hoạt lại',
    changed: (from: string, to: string) => `Đổi trạng thái: ${from} → ${to}`,
  },
  reports: {
    /** The pairs waiting for review when a report was computed: its số người may be lower by as many. */
    reviewPending: (n: string) => `Khi lập còn ${n} cặp hồ sơ chờ rà soát: số người có thể thấp hơn tối đa ${n}.`,
    title: 'Báo cáo rà soát, đối chiếu',
    intro:
      'Các báo cáo đã lập, mới nhất trước. Báo cáo "chính thức" khi kỳ đã kết thúc và lần liên kết hồ sơ chạy sau đó: số liệu không còn thay đổi; báo cáo "tạm tính" ghi rõ vì sao, và lịch báo cáo sẽ lập lại khi có thể. Mỗi báo cáo tải về được thành tệp Excel hoặc PDF theo mẫu văn bản hành chính.',
    runTitle: 'Lập báo cáo ngay',
    period: 'Kỳ báo cáo',
    scope: 'Phạm vi',
    province: 'Toàn tỉnh',
    oneCommune: 'Một xã, phường…',
    commune: 'Gõ tên xã, phường',
    run: 'Lập báo cáo',
    running: (seconds: number) => `Đang lập báo cáo… ${seconds} giây (báo cáo toàn tỉnh có thể mất vài phút).`,
    ran: (period: string, scope: string, memberships: number, people: number, final: boolean) =>
      `Đã lập báo cáo ${period} — ${scope}${final ? ' (chính thức)' : ' (tạm tính)'}: ${memberships.toLocaleString('vi-VN')} lượt, ${people.toLocaleString('vi-VN')} người. Báo cáo đã có trong danh sách dưới đây.`,
    empty: 'Chưa có báo cáo nào',
    state: 'Trạng thái',
    final: 'Chính thức',
    provisional: 'Tạm tính',
    asOf: 'Số liệu đến',
    computed: 'Lập lúc, người lập',
    /** Who computed it: a user's name, or the server's own schedule, or the command line on the server. */
    computedBy: (by: string) =>
      by === 'schedule' ? 'lịch tự động của máy chủ' : by.startsWith('cli:') ? `dòng lệnh trên máy chủ (${by.slice(4)})` : by,
    cardLine: (asOf: string, memberships: string, people: string, phantoms: string) =>
      `Số liệu đến ${asOf}: ${memberships} lượt, ${people} người (sau liên kết), ${phantoms} hồ sơ nghi ảo.`,
    memberships: 'Số lượt',
    people: 'Số người (sau liên kết)',
    phantoms: 'Hồ sơ nghi ảo',
    files: 'Tải về',
    format: { xlsx: 'Excel', pdf: 'PDF' },
    file: (format: 'xlsx' | 'pdf', period: string, scope: string, made?: string) =>
      `Tải báo cáo ${period} — ${scope}${made ? ` (bản lập ${made})` : ''} dạng ${format === 'xlsx' ? 'Excel' : 'PDF'}`,
    /** The workbook to send on: no sheet of names. */
    withoutNames: 'Excel không có họ tên',
    fileWithoutNames: (period: string, scope: string, made?: string) =>
      `Tải bản Excel không có họ tên (để gửi đi) của báo cáo ${period} — ${scope}${made ? ` (bản lập ${made})` : ''}`,
    /** An official report computed again: the one it replaced is kept, as it was sent up. */
    replaced: (at: string, memberships: string, people: string, phantoms: string) =>
      `Lập lại; bản chính thức trước (lập ${at}: ${memberships} lượt, ${people} người, ${phantoms} nghi ảo) vẫn được giữ:`,
  },
  help: {
    title: 'Hướng dẫn sử dụng',
    others: 'Các phần dành cho vai trò khác',
    /** Each part with the screen it is about (`screen`: a route's key; shown first to whoever may open that screen, and for a roster writer's work, the import screen's); none: everyone's. */
    sections: [
      {
        heading: 'Lần đầu sử dụng: kích hoạt tài khoản',
        body: 'Quản trị viên trao cho bạn tên đăng nhập và một mật khẩu lần đầu (dùng một lần, trong 72 giờ). Bấm "Kích hoạt tài khoản", nhập hai thứ đó, rồi quét mã QR hiện ra bằng ứng dụng xác thực trên điện thoại (hoặc gõ khóa thiết lập bên dưới mã). Đặt mật khẩu của bạn và nhập mã 6 số ứng dụng đang hiện: bạn được đăng nhập. Quên mật khẩu hay mất điện thoại thì nhờ quản trị viên đặt lại tài khoản: bạn nhận mật khẩu lần đầu mới và làm lại các bước này.',
      },
      {
        heading: 'Tổng quan (Ban Dân vận, kiểm tra giám sát, quản trị)',
        screen: 'tong-quan',
        body: 'Màn hình Tổng quan cho biết số lượt, số người sau liên kết và số người không nghi ảo (ước tính, bên cạnh số hồ sơ đã rà soát và kết thúc sinh hoạt) của toàn tỉnh, một tổ chức, một đơn vị của tổ chức (chọn tổ chức rồi gõ tên đơn vị, chi hội hoặc tên xã ở ô "Đơn vị, chi hội"; đơn vị gồm cả các chi hội trực thuộc) hoặc một xã, kèm mức tăng giảm so với cuối kỳ gần nhất đã kết thúc có báo cáo đã lưu (ví dụ "so với cuối Quý III/2026") và xu hướng qua các kỳ đã lưu; số người theo số tổ chức tham gia, nghi ảo theo lý do, kết nạp và ra khỏi tổ chức, tỷ lệ tập hợp; bảng số người cùng sinh hoạt ở hai tổ chức và bảng mọi xã, phường (bấm tiêu đề cột để sắp xếp, bấm tên xã để xem riêng xã đó). Dưới mỗi số có ghi cách tính. Nút "Xuất Excel" tải đúng những số đang xem. Màn hình chỉ có số tổng hợp, không có tên người.',
      },
      {
        heading: 'Tổng quan của chi hội, cơ sở (văn phòng tổ chức)',
        screen: 'so-lieu',
        body: 'Màn hình Tổng quan của văn phòng tổ chức chỉ có số liệu của đơn vị bạn (cùng các chi hội trực thuộc), hoặc của cả tổ chức nếu tài khoản không gắn với đơn vị nào; ô "Đơn vị, chi hội" để xem riêng một chi hội của bạn: số lượt, số người sau liên kết, số người không nghi ảo, số người theo số tổ chức tham gia (hội viên của bạn đồng thời ở Đoàn, Phụ nữ, Người cao tuổi…), nghi ảo theo lý do (bấm số để mở các hồ sơ đó trong Cảnh báo) và bảng các xã, phường có hội viên của bạn. Số liệu kỳ trước chỉ có khi đã có báo cáo của đơn vị (do Ban Dân vận hoặc quản trị viên lập).',
      },
      {
        heading: 'Đăng nhập',
        body: 'Nhập tên đăng nhập, mật khẩu và mã 6 số đang hiện trong ứng dụng xác thực trên điện thoại. Mỗi mã chỉ dùng được một lần: nếu báo mã đã dùng, chờ mã mới (ứng dụng đổi mã mỗi 30 giây). Khi đang làm việc, phiên được tự giữ; nếu để máy lâu không dùng, một thông báo hiện ra 5 phút trước khi phiên hết hạn.',
      },
      {
        heading: 'Tìm hội viên',
        screen: 'danh-sach',
        body: 'Ở màn hình Danh sách hội viên, gõ tên (có dấu hay không dấu đều được), số điện thoại (đủ số, hoặc từ 3 số cuối trở lên — như 3 số cuối hiện ra ở cột điện thoại), số CCCD đủ 12 số hoặc mã hồ sơ vào ô tìm kiếm (nhớ được một phần mã, ví dụ vài số cuối, cũng tìm được: gõ ít nhất 3 ký tự); kết quả hiện ngay khi ngừng gõ. Lọc thêm theo trạng thái, chi hội và xã, phường (trên điện thoại, các ô lọc và "Chọn cột" nằm sau nút "Lọc", nút ghi số bộ lọc đang bật; các nút xuất Excel và in nằm cuối trang, dưới danh sách). Nút "Chọn cột" để bật, tắt các cột. Danh sách xếp theo tên rồi họ, như sổ sách vẫn ghi.',
      },
      {
        heading: 'Thêm, sửa hồ sơ và kết thúc sinh hoạt',
        screen: 'nhap',
        body: 'Bấm "Thêm hội viên", gõ họ tên và ngày sinh (chỉ năm cũng được): trong lúc gõ, hệ thống tìm những hồ sơ gần giống ở mọi tổ chức và nói rõ vì sao giống (cùng ngày sinh, cùng họ tên…); hồ sơ của tổ chức khác chỉ hiện tên tổ chức. Nếu đúng là người đã có trong tổ chức mình, mở hồ sơ đó để sửa thay vì thêm mới. Điều kiện vào tổ chức (tuổi, giới tính) được nhắc trước khi lưu. Xã, phường chọn bằng cách gõ tên, tên cũ trước khi sáp nhập hay không dấu đều được. Mã hồ sơ để trống thì hệ thống tự đặt. Trong hồ sơ, "Sửa hồ sơ" để sửa (nếu người khác vừa sửa trước, hệ thống báo để tải lại, không ghi đè), "Kết thúc sinh hoạt" để ghi lý do và ngày, "Cho sinh hoạt lại" khi đã ghi nhầm.',
      },
      {
        heading: 'Nhập danh sách từ Excel',
        screen: 'nhap',
        body: 'Ở màn hình Nhập danh sách, kéo tệp .xlsx, .xls hoặc .csv vào ô (hoặc bấm để chọn). Chưa có gì được ghi: màn hình Xem trước cho biết mỗi dòng sẽ được thêm mới, cập nhật, giữ nguyên, chờ quyết định hay bị từ chối, và vì sao; các dòng tiêu đề, tổng cộng, chữ ký được bỏ qua. Ô nào không đọc được (ngày sinh sai, số CCCD hỏng) không làm dòng bị từ chối: dòng vẫn được nhập với ô đó để trống, được đếm ở "Trong đó có cảnh báo" và nói rõ ở cột cuối; đánh dấu "Chỉ xem các dòng cần xem lại" để xem riêng các dòng này rồi sửa tệp nếu cần. Nếu một cột bị đọc sai, chọn lại ở bảng "Cột trong tệp được đọc là". Một dòng "chờ quyết định" (trùng họ tên, năm sinh với người đã có) không được nhập cho đến khi bạn chọn ở cột "Quyết định": là hồ sơ nào đã có, hay người khác (thêm hồ sơ mới); rồi bấm "Xem lại". Sau khi nhập, tải "tệp kết quả" (có cột Mã hồ sơ) và lần sau nhập tệp đó: các dòng đã có mã không phải quyết định lại. Bấm "Nhập vào danh sách" để ghi đúng như đã xem. Các dòng bị từ chối tải về được thành tệp để sửa rồi nhập lại. Dưới kết quả, mục "hội viên không có tên trong tệp này" liệt kê những người đang sinh hoạt ở các chi hội tệp có mà tệp không ghi tên: nếu tệp là toàn bộ danh sách, chọn những người đã chuyển đi, đã mất hay thôi sinh hoạt rồi bấm "Kết thúc sinh hoạt" (ghi lý do, ngày, căn cứ); người vẫn sinh hoạt thì để nguyên. Nhập nhầm thì bấm "Hoàn tác lượt nhập" (trong 30 ngày, ghi rõ lý do).',
      },
      {
        heading: 'Cảnh báo và hồ sơ nghi ảo',
        screen: 'canh-bao',
        body: 'Màn hình Cảnh báo liệt kê các hồ sơ đang sinh hoạt mà lần rà soát gần nhất thấy có vấn đề (đã mất theo dữ liệu dân cư, quá tuổi, lâu không sinh hoạt, trùng…), mỗi cảnh báo kèm lý do; lọc được theo loại cảnh báo, xã, phường và một đơn vị (gồm cả các chi hội bên dưới: gõ tên đơn vị, chi hội ở ô "Đơn vị, chi hội"). Hội viên chỉ có thông tin "Ở nhiều tổ chức" (không phải vấn đề) không hiện trong danh sách, trừ khi chọn loại cảnh báo đó. Khi đúng, bấm "Xác nhận" và ghi căn cứ (ví dụ giấy báo tử): hồ sơ được kết thúc sinh hoạt. Cảnh báo về dữ liệu (thiếu thông tin định danh, số CCCD không hợp lệ) không kết thúc sinh hoạt: bấm "Mở hồ sơ để bổ sung, sửa", thêm số điện thoại, ngày sinh đầy đủ hoặc số CCCD, cảnh báo tự hết. Khi sai, bấm "Không đúng" và ghi lý do: cảnh báo đó không hiện lại (việc xác nhận hay bác bỏ là của văn phòng tổ chức giữ hồ sơ; Ban Dân vận bấm "Đề nghị chú ý" để đề nghị văn phòng đó xem lại). Mọi quyết định đều được ghi nhật ký. Khi đăng nhập, dòng "Từ lần đăng nhập trước" cho biết có bao nhiêu hồ sơ mới bị nghi ảo (và báo cáo mới, cặp hồ sơ chờ rà soát) kể từ lần trước bạn vào; bấm vào để mở màn hình tương ứng.',
      },
      {
        heading: 'Xuất danh sách ra Excel (văn phòng tổ chức)',
        screen: 'danh-sach',
        keepsRosters: true,
        body: 'Ở màn hình Danh sách hội viên, bấm "Xuất Excel" để tải danh sách của tổ chức (hoặc của chi hội đang lọc) thành tệp .xlsx: có tiêu đề, STT, tên xã, phường và chi hội, ngày tháng đúng dạng ngày của Excel, dòng tiêu đề cột cố định và có nút lọc; số CCCD được che một phần. Tệp này sửa xong nhập lại được. Mỗi lần xuất đều được ghi nhật ký.',
      },
      {
        heading: 'In danh sách, xuất kèm số CCCD',
        screen: 'danh-sach',
        body: 'Bấm "In danh sách" để mở bản in khổ A4 ngang của danh sách đang lọc: tiêu đề, bảng có STT, dòng địa danh và ngày, chỗ ký của người lập biểu và Ban Chấp hành; bấm "In" rồi chọn máy in hoặc lưu thành PDF (mỗi bản in tối đa 2.000 người: danh sách lớn hơn thì lọc theo chi hội hoặc xã, phường). Số CCCD không có trên bản in. Khi thật cần số CCCD đầy đủ (đối chiếu với Công an xã…), văn phòng của tổ chức bấm "Xuất kèm số CCCD đầy đủ" và ghi rõ lý do; lần xuất được ghi nhật ký.',
      },
      {
        heading: 'Báo cáo tăng, giảm hội viên',
        screen: 'danh-sach',
        body: 'Ở màn hình Danh sách hội viên, bấm "Báo cáo tăng, giảm" để lập báo cáo của quý (hoặc năm) theo mẫu: mỗi chi hội một dòng với số đầu kỳ, kết nạp mới (theo ngày vào ghi trong hồ sơ), giảm theo từng lý do (theo ngày có hiệu lực), cột "khác" để mỗi dòng cộng đúng, số cuối kỳ và dòng tổng cộng. Mặc định là quý vừa kết thúc; chọn kỳ khác ở ô "Kỳ báo cáo". Bấm "In" để in hoặc lưu thành PDF. Số kết nạp mới chỉ đúng khi hồ sơ có ngày vào: hồ sơ nhập không ghi ngày vào được tính vào cột "khác".',
      },
      {
        heading: 'Chi hội, đơn vị và chuyển sinh hoạt',
        screen: 'don-vi',
        body: 'Màn hình Chi hội / đơn vị cho thấy cây các đơn vị và số hội viên của từng đơn vị. Chọn một đơn vị để thêm đơn vị trực thuộc, đổi tên (mã đơn vị giữ nguyên) hoặc xem hội viên. Đánh dấu các hội viên cần chuyển, bấm "Chuyển hội viên đã chọn" (một người thì cũng có thể bấm "Chuyển sinh hoạt" trên trang hồ sơ của người đó), chọn đơn vị nhận: sang đơn vị của mình thì chuyển ngay; sang đơn vị của xã, phường khác thì yêu cầu được gửi tới văn phòng đơn vị đó, hồ sơ hiện "Chờ chuyển" cho tới khi họ nhận (hồ sơ chuyển sang họ) hoặc từ chối (kèm lý do). Yêu cầu gửi tới đơn vị mình hiện ở đầu màn hình này, với nút "Nhận vào đơn vị" và "Từ chối"; yêu cầu mình đã gửi mà chưa ai quyết định thì bấm "Hủy yêu cầu" (ở đây hoặc trên trang hồ sơ) để rút lại, hội viên ở lại đơn vị cũ. Mọi thay đổi đều được ghi vào quá trình sinh hoạt và nhật ký.',
      },
      {
        heading: 'Báo cáo rà soát, đối chiếu',
        screen: 'bao-cao',
        body: 'Màn hình Báo cáo liệt kê các báo cáo đã lập, với kỳ, phạm vi, trạng thái (chính thức hay tạm tính và vì sao) và ngày số liệu tính đến. Ban Dân vận và quản trị viên chọn kỳ và phạm vi (toàn tỉnh, một tổ chức, một xã, phường) rồi bấm "Lập báo cáo" để lập ngay; lập lại thì báo cáo cũ của cùng kỳ được thay (báo cáo chính thức cũ vẫn được giữ nguyên như đã gửi, tải được ngay dưới trạng thái của báo cáo mới). Bấm "Excel" hoặc "PDF" để tải về: bản PDF theo mẫu văn bản hành chính (Quốc hiệu, tiêu ngữ, cơ quan ban hành, số, địa danh và ngày, nơi nhận, chữ ký) và có đủ mọi xã, phường.',
      },
      {
        heading: 'Quản trị (chỉ quản trị viên)',
        screen: 'quan-tri',
        body: 'Màn hình Quản trị có bốn phần. Người dùng: bấm "Tạo tài khoản", nhập tên đăng nhập, chọn vai trò và (với văn phòng tổ chức) tổ chức, đơn vị; mật khẩu lần đầu chỉ hiện một lần, dùng được 72 giờ: trao ngay cho người dùng cùng tên đăng nhập. "Cấp lại mật khẩu lần đầu" khi người dùng quên mật khẩu, mất điện thoại hoặc mật khẩu lần đầu quá hạn (mọi phiên của họ kết thúc ngay); "Khóa tài khoản" khi người đó thôi việc. Nhật ký: lọc theo hành động, người thực hiện, mã đối tượng và khoảng ngày; bấm "50 dòng cũ hơn" để xem tiếp. Khóa kết nối: tạo khóa cho phần mềm khác (khóa chỉ hiện một lần) và thu hồi khi không dùng nữa. Tổ chức, hội: thêm một hội mới (mã, tên, quy định về tuổi và giới tính). Yêu cầu về dữ liệu cá nhân: khi một người đề nghị cung cấp bản sao hoặc xóa dữ liệu của mình, chọn loại, tổ chức, mã hồ sơ và ngày nhận đề nghị rồi bấm "Ghi nhận yêu cầu"; hạn trả lời là 20 ngày, yêu cầu sắp đến hạn hiện trước; bấm "Xuất dữ liệu" hoặc "Xóa dữ liệu" và ghi căn cứ để trả lời.',
      },
      {
        heading: 'Xem hồ sơ',
        screen: 'danh-sach',
        body: 'Bấm vào tên một người để mở hồ sơ: thông tin, quá trình sinh hoạt và các cảnh báo kèm lý do. Số CCCD và số điện thoại được che một phần; mỗi lần mở hồ sơ đều được ghi nhật ký theo quy định về bảo vệ dữ liệu cá nhân.',
      },
      {
        heading: 'Rà soát liên kết: hai hồ sơ có phải một người?',
        screen: 'lien-ket',
        body: 'Màn hình Rà soát liên kết (Ban Dân vận) đưa lần lượt từng cặp hồ sơ mà máy chưa quyết được, cặp nào quyết xong làm thay đổi số người nhiều nhất thì lên trước; lọc được theo xã, phường, tổ chức và mức khả năng. Hai hồ sơ đặt cạnh nhau, mỗi dòng ghi "Khớp", "Gần giống" hay "Khác"; từng thông tin có một thanh bằng chứng (sang phải: nghiêng về một người, sang trái: hai người) và một câu giải thích. Ghi lý do rồi chọn "Cùng một người" (phím C), "Hai người khác nhau" (phím R) hoặc "Chưa chắc" (phím N: để lại cuối danh sách). Nhấn phím hay bấm nút khi chưa ghi lý do thì con trỏ nhảy vào ô lý do: gõ lý do rồi bấm "Lưu quyết định" hoặc nhấn Enter. Quyết định có hiệu lực ngay; màn hình cho biết số người toàn tỉnh trước và sau. "Xem người" mở mọi hồ sơ của người đó ở các tổ chức, kèm trạng thái và cảnh báo: tách những hồ sơ không phải của người đó, hoặc gộp với một người khác, luôn kèm lý do.',
      },
      {
        heading: 'Bảo vệ dữ liệu',
        body: 'Không ghi mật khẩu ra giấy dán ở máy, không cho người khác dùng phiên của mình. Dùng xong, bấm Đăng xuất, nhất là trên máy dùng chung.',
      },
    ],
  },
  admin: {
    title: 'Quản trị hệ thống',
    tabs: {
      users: 'Người dùng',
      audit: 'Nhật ký',
      tokens: 'Khóa kết nối',
      associations: 'Tổ chức, hội',
      requests: 'Yêu cầu về dữ liệu cá nhân',
      linkRuns: 'Liên kết hồ sơ',
      backups: 'Sao lưu',
    },
    linkRuns: {
      intro:
        'Mỗi lần liên kết đọc hồ sơ của mọi tổ chức, tìm người thật đứng sau các hồ sơ và đánh dấu hồ sơ nghi ảo. Với cả tỉnh, một lần chạy mất vài phút và dùng nhiều bộ nhớ của máy chủ: nên chạy ngoài giờ làm việc.',
      start: 'Chạy liên kết ngay',
      startConfirm: 'Chạy liên kết toàn tỉnh bây giờ? Máy chủ sẽ chậm hơn trong vài phút.',
      yes: 'Chạy',
      no: 'Thôi',
      started: 'Bắt đầu',
      finished: 'Kết thúc',
      state: 'Trạng thái',
      progress: 'Các bước',
      phasesDone: (done: number, all: number) => `${done}/${all} bước`,
      records: 'Hồ sơ',
      persons: 'Số người',
      multi: 'Người ở từ 2 tổ chức',
      review: 'Cặp cần rà soát',
      phantoms: 'Hồ sơ nghi ảo',
      figures: 'Kết quả',
      none: 'Chưa có lần liên kết nào.',
      failure: (why: string) => `Lỗi: ${why}`,
      seconds: (s: number) => `${s.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây`,
      startedBy: 'Người chạy',
      startedAndBy: 'Bắt đầu, người chạy',
      bySchedule: 'Lịch tự động của máy chủ',
      byUnknown: 'Không rõ',
    },
    backups: {
      intro:
        'Sao lưu toàn bộ cơ sở dữ liệu trong khi máy chủ vẫn chạy, vào thư mục người vận hành đã chọn. Nên sao lưu định kỳ và chép bản sao lưu sang nơi khác (ổ đĩa khác, máy khác).',
      directory: 'Thư mục sao lưu trên máy chủ:',
      keyApart:
        'Bản sao lưu tạo ở đây KHÔNG chứa khóa dữ liệu cá nhân, và không bao giờ chứa. Khóa phải được cất riêng, ngoài máy chủ (trình quản lý mật khẩu, phong bì niêm phong): thiếu khóa thì bản sao lưu vô dụng, còn ai có cả khóa lẫn bản sao lưu thì đọc được mọi số CCCD.',
      keyAt: 'Khóa của máy chủ này:',
      start: 'Sao lưu ngay',
      startConfirm: 'Sao lưu cơ sở dữ liệu bây giờ? Máy chủ vẫn phục vụ trong khi sao lưu, nhưng chậm hơn một chút.',
      yes: 'Sao lưu',
      no: 'Thôi',
      started: 'Bắt đầu',
      finished: 'Kết thúc',
      state: 'Trạng thái',
      by: 'Người sao lưu',
      size: 'Dung lượng',
      written: (size: string) => `Đã ghi ${size}`,
      file: 'Tệp',
      key: 'Khóa trong bản sao lưu',
      withKey: 'Có khóa: giữ tệp kín như chính khóa',
      withoutKey: 'Không có khóa',
      none: 'Chưa có bản sao lưu nào.',
      failure: (why: string) => `Không sao lưu được: ${why}`,
      restoreTitle: 'Khôi phục từ một bản sao lưu',
      restoreHow:
        'Người vận hành chạy lệnh dưới đây trên máy chủ, bằng người dùng chạy dịch vụ, vào một thư mục dữ liệu mới và trống (thay THƯ_MỤC_MỚI), với tệp khóa đã cất riêng (thay TỆP_KHÓA), rồi khởi động máy chủ với thư mục đó. Lệnh từ chối nếu khóa không đúng, và không ghi gì khi thất bại. Dữ liệu trở về lúc sao lưu, kể cả tài khoản và token: tài khoản đã khóa, token đã thu hồi sau lúc đó cần khóa, thu hồi lại.',
      restoreOf: (file: string) => `Lệnh khôi phục ${file}`,
      restoreNewest: 'Lệnh cho bản sao lưu mới nhất (với bản khác, thay tên tệp trong lệnh):',
      copy: 'Chép lệnh',
      copied: 'Đã chép lệnh khôi phục.',
    },
    requests: {
      title: 'Yêu cầu của chủ thể dữ liệu',
      intro:
        'Khi một người đề nghị được cung cấp bản sao hoặc xóa dữ liệu cá nhân của mình, ghi nhận ở đây với ngày nhận được đề nghị: luật cho 20 ngày để trả lời. Yêu cầu sắp đến hạn hiện trước. Trả lời ngay tại danh sách; mọi thao tác đều được ghi nhật ký.',
      kind: 'Loại yêu cầu',
      kinds: { EXPORT: 'Cung cấp bản sao dữ liệu', ERASURE: 'Xóa dữ liệu cá nhân' },
      organization: 'Tổ chức của hồ sơ',
      code: 'Mã hồ sơ',
      receivedOn: 'Ngày nhận đề nghị',
      record_: 'Ghi nhận yêu cầu',
      record: 'Hồ sơ',
      dueOn: 'Hạn trả lời',
      daysLeft: (n: number) => (n < 0 ? `Quá hạn ${-n} ngày` : n === 0 ? 'Hạn hôm nay' : `Còn ${n} ngày`),
      state: 'Tình trạng',
      done: (when: string, by: string) => `Đã trả lời ${when} (${by})`,
      answer: { EXPORT: 'Xuất dữ liệu', ERASURE: 'Xóa dữ liệu' },
      answerTitle: {
        EXPORT: (code: string) => `Xuất toàn bộ dữ liệu của hồ sơ ${code}`,
        ERASURE: (code: string) => `Xóa dữ liệu cá nhân của hồ sơ ${code}`,
      },
      eraseWarning:
        'Không hoàn tác được: họ tên, số định danh, số điện thoại và ghi chú về người này bị xóa khỏi các hồ sơ dưới đây; số liệu tổng hợp giữ nguyên.',
      /** Above the records of the person (certainly hers: each erased while ticked). */
      erased: (n: number) =>
        `Sẽ xóa ở ${n.toLocaleString('vi-VN')} hồ sơ. Các hồ sơ của người này (cùng số CCCD, khớp CSDL dân cư, hoặc đã xác nhận là cùng người), hồ sơ được đánh dấu sẽ bị xóa:`,
      keepHint:
        'Người này còn sinh hoạt ở tổ chức khác: hồ sơ đó được giữ lại (bỏ đánh dấu), trừ khi đơn đề nghị xóa cả ở tổ chức đó — khi ấy đánh dấu để xóa. Sau khi xóa, chỉ tổ chức đã xóa hồ sơ hỏi lại trước khi nhập lại người này.',
      askedRecord: 'hồ sơ được đề nghị xóa',
      kept: 'giữ lại',
      willErase: 'sẽ xóa',
      stillMember: (status: string) =>
        `Hồ sơ được đề nghị xóa còn "${status}": xóa dữ liệu không kết thúc sinh hoạt (người này vẫn được tính trong số liệu). Nếu người này đã ra khỏi tổ chức, hãy kết thúc sinh hoạt ở trang hồ sơ trước rồi mới xóa.`,
      /** Above the reason of a copy: what the file holds. */
      copyHolds:
        'Tệp gồm mọi hồ sơ của người này mà bạn được xem (ở mọi tổ chức có cùng số CCCD, khớp CSDL dân cư hoặc đã xác nhận là cùng người), mỗi hồ sơ một phần, số CCCD đầy đủ; việc xuất được ghi nhật ký.',
      toConfirm: 'Chỉ mô hình liên kết cho là cùng người: kiểm tra, chỉ hồ sơ được đánh dấu mới bị xóa:',
      reason: 'Lý do, căn cứ (ít nhất 10 ký tự, ví dụ: đơn đề nghị ngày …)',
      /** Under the reason of an erasure: the reason stays in the log after the person's data is gone. */
      reasonStays: 'Lý do được giữ lại trong nhật ký sau khi xóa: không ghi họ tên, số CCCD hay số điện thoại của người này.',
      notFound: (code: string, org: string) => `Không tìm thấy hồ sơ mã ${code} của tổ chức ${org}: kiểm tra lại mã hồ sơ.`,
      none: 'Chưa có yêu cầu nào',
      erasedRecord: 'hồ sơ đã xóa dữ liệu cá nhân',
    },
    role: {
      ADMIN: 'Quản trị viên',
      SECRETARIAT: 'Văn phòng tổ chức',
      DAN_VAN: 'Ban Dân vận',
      AUDITOR: 'Kiểm tra, giám sát',
    } as Record<string, string>,
    readOnly: 'chỉ đọc',
    readOnlyChoice: 'Chỉ đọc (không sửa, không nhập, không xuất số đầy đủ)',
    /** An edit's audit line: the fields it changed. */
    edited: (fields: string) => `sửa: ${fields}`,
    usersIntro:
      'Tài khoản của cán bộ dùng Liên Thông. Tạo tài khoản cho ra mật khẩu lần đầu (chỉ hiện một lần); người dùng tự đặt mật khẩu và ứng dụng xác thực khi kích hoạt.',
    username: 'Tên đăng nhập',
    roleLabel: 'Vai trò',
    scope: 'Phạm vi',
    organization: 'Tổ chức',
    unit: 'Đơn vị (để trống: cả tổ chức)',
    anyOrganization: 'Mọi tổ chức',
    noFrontSecretariat: 'Mặt trận không giữ danh sách hội viên cá nhân: cán bộ Mặt trận dùng vai trò Ban Dân vận.',
    state: 'Tình trạng',
    active: 'Đang dùng',
    disabled: 'Đã khóa',
    notEnrolled: 'Chưa đăng nhập lần nào',
    reEnrolling: 'Chờ đăng nhập lại bằng mật khẩu lần đầu mới',
    lastLogin: 'Đăng nhập gần nhất',
    actions: 'Thao tác',
    create: 'Tạo tài khoản',
    createTitle: 'Tạo tài khoản mới',
    usernameHint: 'Từ 3 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới (ví dụ: xa-hpn-tanlap, vp.hpn)',
    reset: 'Cấp lại mật khẩu lần đầu',
    resetConfirm: (u: string) =>
      `Cấp lại mật khẩu lần đầu cho ${u}? Mật khẩu, ứng dụng xác thực và mọi phiên đang mở của người này hết hiệu lực ngay.`,
    disable: 'Khóa tài khoản',
    disableConfirm: (u: string) => `Khóa tài khoản ${u}? Người này không đăng nhập được nữa; các phiên đang mở kết thúc ngay.`,
    changeScope: 'Đổi vai trò, phạm vi',
    changeScopeTitle: (u: string) => `Đổi vai trò, phạm vi của ${u}`,
    changeScopeNote:
      'Khi lưu, các phiên đang mở của người này kết thúc ngay; người đó đăng nhập lại bằng mật khẩu và mã xác thực như trước để dùng quyền mới.',
    save: 'Lưu',
    scopeChanged: (u: string) =>
      `Đã đổi vai trò, phạm vi của ${u}. Các phiên đang mở của người này đã kết thúc: người đó đăng nhập lại bằng mật khẩu và mã xác thực như trước để dùng quyền mới.`,
    enable: 'Mở khóa',
    enableConfirm: (u: string) => `Mở khóa tài khoản ${u}? Người dùng đăng nhập lại được bằng mật khẩu và mã xác thực như trước.`,
    yes: 'Đồng ý',
    no: 'Không',
    handOverTitle: (u: string) => `Mật khẩu lần đầu của ${u}`,
    handOverOnce: 'Chỉ hiện lần này: chép lại hoặc trao ngay cho người dùng.',
    handOverPassword: 'Mật khẩu lần đầu',
    handOverUntil: (when: string) => `Dùng được một lần, trong 72 giờ: đến ${when} (giờ Việt Nam).`,
    handOverTell:
      'Trao cho người dùng tên đăng nhập và mật khẩu lần đầu. Người đó mở Liên Thông trên trình duyệt, chọn "Kích hoạt tài khoản", quét mã QR bằng ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…), đặt mật khẩu của mình và nhập mã 6 số.',
    handOverLate: 'Quá hạn hoặc bị lộ: bấm "Cấp lại mật khẩu lần đầu".',
    done: 'Đã trao, đóng',
    auditIntro: 'Mọi lần xem, xuất, sửa dữ liệu và mọi thay đổi tài khoản, mới nhất trước. Giờ Việt Nam.',
    action: 'Hành động',
    anyAction: 'Mọi hành động',
    actor: 'Người thực hiện',
    subject: 'Mã đối tượng',
    actorHint: 'Gõ vài chữ của tên đăng nhập rồi chọn',
    subjectHint: 'Tên đăng nhập, mã hồ sơ hoặc mã',
    dates: 'Khoảng ngày',
    fromDay: 'Từ ngày',
    toDay: 'Đến ngày',
    at: 'Thời điểm',
    reason: 'Lý do',
    /** What a line's figures say, where it has no written reason: why a log-in failed, what a list read showed. */
    failedLogin: {
      BAD_PASSWORD: 'Sai mật khẩu',
      BAD_TOTP: 'Sai mã xác thực',
      USED_TOTP: 'Mã xác thực đã dùng rồi',
      UNKNOWN_USER: 'Không có tên đăng nhập này',
      DISABLED: 'Tài khoản đã bị khóa',
      NOT_STARTED: 'Chưa kích hoạt tài khoản',
      ENROLMENT_USED: 'Mật khẩu lần đầu đã dùng rồi',
      ENROLMENT_EXPIRED: 'Mật khẩu lần đầu đã hết hạn',
      THROTTLED: 'Thử sai quá nhiều lần (tài khoản tạm khóa)',
      THROTTLED_IP: 'Thử sai quá nhiều lần từ máy này',
    } as Record<string, string>,
    rowsRead: (rows: number) => `${rows.toLocaleString('vi-VN')} dòng`,
    auditEntry: 'Hành động, người thực hiện, đối tượng',
    older: '50 dòng cũ hơn',
    newest: 'Về dòng mới nhất',
    noEvents: 'Không có dòng nhật ký nào',
    subjectType: {
      USER: 'Tài khoản',
      TOKEN: 'Khóa kết nối',
      MEMBER_RECORD: 'Hồ sơ',
      PERSON: 'Người',
      ROSTER: 'Danh sách',
      UNIT: 'Đơn vị',
      ORGANIZATION: 'Tổ chức',
      REPORT: 'Báo cáo',
      IMPORT_JOB: 'Lần nhập',
      IMPORT_PREVIEW: 'Xem trước lần nhập',
      ERASURE_PLAN: 'Phạm vi xóa dữ liệu',
      FLAGGED_RECORDS: 'Hồ sơ bị cảnh báo',
      DUPLICATE_CHECK: 'Kiểm tra trùng',
      RESIDENT_EXTRACT: 'Dữ liệu dân cư',
      REVIEW_QUEUE: 'Danh sách chờ xem xét',
      TRANSFER_REQUESTS: 'Yêu cầu chuyển sinh hoạt',
      AUDIT_FILE: 'Tệp nhật ký',
      LINK_RUN: 'Lần liên kết',
      BACKUP: 'Bản sao lưu',
      RECORD_PAIR: 'Cặp hồ sơ',
    } as Record<string, string>,
    actorKind: { USER: 'Người dùng', SERVICE: 'Khóa kết nối', CLI: 'Dòng lệnh' } as Record<string, string>,
    /** A FLAG_DECISION line named by what was decided (its detail's resolution). */
    flagDecisionName: {
      ATTENTION: 'Cảnh báo: Ban Dân vận đề nghị chú ý',
      CONFIRMED: 'Cảnh báo: xác nhận (kết thúc sinh hoạt)',
      FALSE_ALARM: 'Cảnh báo: không đúng (bác bỏ)',
    } as Record<string, string>,
    actionName: {
      ASSOCIATION_CREATED: 'Thêm hội',
      ENROLMENT_STARTED: 'Bắt đầu kích hoạt',
      ERASED_PERSON_RECREATED: 'Tạo lại người đã xóa dữ liệu',
      EXPORT: 'Xuất danh sách',
      FLAG_DECISION: 'Quyết định cảnh báo',
      ID_NUMBER_REVEALED: 'Xem số CCCD đầy đủ',
      IMPORT: 'Nhập danh sách',
      IMPORT_UNDO: 'Hoàn tác lần nhập',
      LOGIN: 'Đăng nhập',
      LOGIN_FAILED: 'Đăng nhập không thành công',
      LOGOUT: 'Đăng xuất',
      MEMBERSHIP_ENDED: 'Kết thúc sinh hoạt',
      ABSENCE_KEPT: 'Giữ lại người tệp nhập không có',
      MERGE: 'Gộp người',
      PERSONAL_DATA_ERASED: 'Xóa dữ liệu cá nhân',
      PERSONAL_DATA_EXPORTED: 'Cung cấp dữ liệu cá nhân',
      PERSONAL_DATA_REQUESTED: 'Nhận yêu cầu về dữ liệu cá nhân',
      RECORD_CREATED: 'Thêm hồ sơ',
      RECORD_READ: 'Xem hồ sơ',
      RECORD_TRANSFERRED: 'Chuyển sinh hoạt',
      RECORD_UPDATED: 'Sửa hồ sơ',
      REPORT_COMPUTED: 'Tính báo cáo',
      REPORT_READ: 'Xem báo cáo (tên người nghi ảo)',
      REPORT_DOWNLOADED: 'Tải báo cáo',
      REVIEW_SAME_PERSON: 'Quyết định rà soát: cùng một người',
      REVIEW_TWO_PEOPLE: 'Quyết định rà soát: hai người khác nhau',
      REVIEW_DEFERRED: 'Rà soát: chưa chắc, để sau',
      ROSTER_READ: 'Xem danh sách',
      SPLIT: 'Tách người',
      TOKEN_CREATED: 'Tạo khóa kết nối',
      TOKEN_REVOKED: 'Thu hồi khóa kết nối',
      TRANSFER_DECLINED: 'Từ chối chuyển sinh hoạt',
      TRANSFER_REQUESTED: 'Đề nghị chuyển sinh hoạt',
      TRANSFER_CANCELLED: 'Hủy đề nghị chuyển sinh hoạt',
      UNIT_CREATED: 'Tạo đơn vị khi nhập danh sách',
      UNIT_RENAMED: 'Đổi tên đơn vị',
      USER_CREATED: 'Tạo tài khoản',
      USER_DISABLED: 'Khóa tài khoản',
      USER_ENABLED: 'Mở khóa tài khoản',
      USER_SCOPE_CHANGED: 'Đổi vai trò, phạm vi tài khoản',
      USER_RESET: 'Cấp lại mật khẩu lần đầu',
      LINK_RUN_STARTED: 'Chạy liên kết hồ sơ',
      BACKUP_TAKEN: 'Sao lưu cơ sở dữ liệu',
    } as Record<string, string>,
    tokensIntro:
      'Khóa cho phần mềm khác kết nối tới Liên Thông (đồng bộ, báo cáo). Khóa chỉ hiện một lần khi tạo; máy chủ chỉ giữ mã băm của nó.',
    tokenName: 'Tên khóa',
    expires: 'Hết hạn',
    never: 'Đến khi thu hồi',
    days: 'Số ngày hiệu lực (để trống: đến khi thu hồi)',
    createToken: 'Tạo khóa kết nối',
    tokenOnce: 'Khóa kết nối (chỉ hiện lần này, chép ngay vào phần mềm cần kết nối):',
    revoke: 'Thu hồi',
    revokeConfirm: (n: string) => `Thu hồi khóa ${n}? Phần mềm đang dùng khóa này mất kết nối ngay.`,
    revoked: 'Đã thu hồi',
    created: 'Ngày tạo',
    associationsIntro:
      'Các tổ chức, hội trong hệ thống. Thêm một hội (Chữ thập đỏ, Khuyến học…) ở đây: có hiệu lực ngay, không cần cài đặt lại. Quy định về tuổi, giới tính dùng để cảnh báo khi thêm hội viên.',
    associationCode: 'Mã',
    associationCodeHint: '2–16 chữ in hoa không dấu, chữ số hoặc _ (ví dụ: CTD)',
    associationName: 'Tên tổ chức, hội',
    memberTerm: 'Gọi thành viên là',
    minAge: 'Tuổi tối thiểu',
    maxAge: 'Tuổi tối đa',
    onlySex: 'Chỉ nhận giới tính',
    addAssociation: 'Thêm hội',
    associationAdded: (n: string) => `Đã thêm ${n}.`,
  },
  dashboard: {
    title: 'Tổng quan',
    scope: 'Phạm vi',
    province: 'Toàn tỉnh',
    organization: (name: string) => `Tổ chức: ${name}`,
    commune: 'Chọn xã, phường (gõ tên)',
    unit: 'Đơn vị, chi hội (gõ tên)',
    unitsOfOrganization: 'Theo đơn vị cơ sở',
    unitsOfUnit: 'Theo đơn vị, chi hội trực thuộc',
    unitsNote:
      'Mỗi dòng gồm cả các chi hội bên dưới đơn vị đó. Bấm tên đơn vị để xem riêng đơn vị đó. Một người ở hai chi hội được tính ở cả hai dòng.',
    unitName: 'Đơn vị',
    openUnit: (name: string) => `Xem tổng quan của ${name}`,
    backToProvince: 'Về toàn tỉnh',
    asOf: (when: string) => `Số liệu đến ${when}`,
    linkedAt: (when: string) => `số người và hồ sơ nghi ảo theo lần liên kết lúc ${when}`,
    neverLinked: 'chưa liên kết hồ sơ lần nào: số người và hồ sơ nghi ảo chưa đầy đủ',
    exportXlsx: 'Xuất Excel (những gì đang xem)',
    memberships: 'Số lượt',
    membershipsNote: 'Số hồ sơ đang sinh hoạt: một người ở hai tổ chức được tính hai lượt.',
    people: 'Số người (sau liên kết)',
    peopleNote: 'Số người khác nhau sau khi liên kết hồ sơ giữa các tổ chức; gồm cả người có hồ sơ nghi ảo.',
    /** Since ever; a period's part is the report's (and `struck` beside its leavers). */
    confirmed: 'Hồ sơ đã rà soát, kết thúc sinh hoạt (từ trước đến nay)',
    confirmedNote:
      'Hồ sơ văn phòng đã xác nhận sau rà soát (đã mất, đã chuyển đi, không đủ điều kiện, ghi khống…); sinh hoạt của hồ sơ đó đã kết thúc.',
    suspected: 'Hồ sơ nghi ảo',
    suspectedNote: 'Hồ sơ đang sinh hoạt mà lần liên kết gần nhất nghi là ảo (một hồ sơ có thể có nhiều lý do).',
    /** `provisional`: the period's report is still tạm tính (computed before its data was all in): said, as the figure it is compared with may move. */
    change: (n: number, period: string, provisional = false) =>
      `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toLocaleString('vi-VN')} so với cuối ${period}${provisional ? ' (báo cáo tạm tính)' : ''}`,
    noPrevious: 'Chưa có kỳ trước để so sánh',
    trend: 'Qua các kỳ',
    byOrgCount: 'Số người theo số tổ chức tham gia',
    byOrgCountNote: 'Mỗi người được xếp theo số tổ chức đang sinh hoạt trong toàn tỉnh.',
    buckets: ['Ở 1 tổ chức', 'Ở 2 tổ chức', 'Ở 3 tổ chức', 'Ở từ 4 tổ chức'],
    /** The same figure, by the same name, as Rà soát liên kết and the report's files. */
    severalOrgs: 'Số người ở từ 2 tổ chức',
    reasons: 'Nghi ảo theo lý do',
    noReasons: 'Không có hồ sơ nghi ảo.',
    /** Of the last period that ended (the running one has no such live figures): the period said in the heading and labels. */
    flows: (period: string) => `Kết nạp và ra khỏi tổ chức: ${period} (kỳ gần nhất đã kết thúc)`,
    /** `partOf`: the figures are that part of the province's report (a commune's, an organization's). */
    flowsNote: (period: string, when: string, partOf?: string) =>
      `Theo báo cáo ${partOf ? 'toàn tỉnh ' : ''}kỳ ${period} đã lưu${partOf ? ` (phần của ${partOf})` : ''}, số liệu đến ${when}. Báo cáo của kỳ đang chạy (tạm tính) xem ở màn hình Báo cáo.`,
    partOfCommune: 'xã này',
    partOfOrganization: 'tổ chức này',
    joiners: (period: string) => `Kết nạp trong ${period}`,
    leavers: (period: string) => `Thôi sinh hoạt trong ${period}`,
    /** The records whose phantom warning was confirmed in the period: the period's part of `confirmed` (the report's words). */
    struck: (period: string) => `Hồ sơ đã rà soát, kết thúc sinh hoạt trong ${period}`,
    struckNote:
      'Văn phòng tổ chức xác nhận cảnh báo nghi ảo trong kỳ. Sinh hoạt kết thúc từ ngày lý do xảy ra (ngày mất, ngày chuyển đi), nên có hồ sơ không nằm trong số thôi sinh hoạt ở trên.',
    noReport:
      'Chưa có báo cáo của kỳ nào đã kết thúc cho phạm vi này: chưa có số kết nạp, ra khỏi tổ chức, tỷ lệ tập hợp và kỳ trước để so sánh. Lập báo cáo kỳ trước ở màn hình Báo cáo (chọn kỳ và phạm vi này).',
    /** A secretariat's own Tổng quan: she has no Báo cáo screen; who makes the report is said instead. */
    noReportOwn:
      'Chưa có báo cáo của kỳ nào đã kết thúc cho phạm vi này: chưa có số kết nạp, ra khỏi tổ chức và kỳ trước để so sánh. Báo cáo do Ban Dân vận hoặc quản trị viên lập ở màn hình Báo cáo.',
    reach: (period: string) => `Tỷ lệ tập hợp (${period})`,
    reachNote: 'Số người không nghi ảo của tổ chức so với số đối tượng trong cơ sở dữ liệu dân cư (theo báo cáo kỳ đã lưu).',
    reachUnknown: 'Không tính được',
    overlap: 'Số người cùng sinh hoạt ở hai tổ chức',
    overlapNote:
      'Mỗi ô: số người đang sinh hoạt ở cả tổ chức của hàng và tổ chức của cột; ô trên đường chéo là số người của tổ chức. Màu càng đậm, số càng lớn.',
    overlapCaption: 'Số người cùng sinh hoạt ở hai tổ chức (hàng × cột)',
    overlapKey: 'Mã các tổ chức trong bảng:',
    overlapOfOrg: (name: string) =>
      `Mỗi ô: số người của ${name} đang sinh hoạt cả ở tổ chức của cột (trong toàn tỉnh); ô của chính tổ chức là số người của ${name}. Màu càng đậm, số càng lớn.`,
    communes: 'Theo xã, phường',
    /** `several`: the "in two organizations there" column is shown; `opens`: a commune's name opens its Tổng quan. */
    communesNote: (several: boolean, opens: boolean) =>
      [
        'Mọi xã, phường có hồ sơ đang sinh hoạt trong phạm vi. Một người có hồ sơ ở hai xã được tính ở cả hai xã, nên cộng các xã có thể lớn hơn số người toàn phạm vi.',
        several
          ? '"Ở từ 2 tổ chức trong xã": người sinh hoạt ở từ 2 tổ chức ngay trong xã đó; tổng quan của một xã đếm "Số người ở từ 2 tổ chức" theo các tổ chức trong toàn tỉnh, nên có thể lớn hơn.'
          : null,
        opens ? 'Bấm tên xã để xem tổng quan của xã.' : null,
      ]
        .filter(Boolean)
        .join(' '),
    communeName: 'Xã, phường',
    /** A commune's people active in two organizations or more there. */
    severalHere: 'Ở từ 2 tổ chức trong xã',
    noCommune: 'Chưa rõ xã',
    openCommune: (name: string) => `Xem tổng quan của ${name}`,
    roster: 'Xem danh sách',
    rosterOf: (name: string) => `Xem danh sách hội viên của ${name}`,
    loading: 'Đang tải số liệu…',
    flagsOfReason: (reason: string, n: string) => `Xem ${n} hồ sơ nghi ảo vì ${reason} trong Cảnh báo`,
    flagsOfCommune: (name: string, n: string) => `Xem ${n} hồ sơ nghi ảo của ${name} trong Cảnh báo`,
    flagsWithoutCommune: (n: string) => `Xem ${n} hồ sơ nghi ảo chưa rõ xã trong Cảnh báo`,
    reasonsLinkNote: 'Bấm một số để mở danh sách những hồ sơ đó trong Cảnh báo.',
  },
  review: {
    /** Confirming joins each side's person whole: how many records each has. */
    joins: (a: number, b: number) =>
      `"Cùng một người" sẽ gộp hai người: người của hồ sơ A có ${a} hồ sơ, người của hồ sơ B có ${b} hồ sơ — tất cả thành một người. Bấm "Xem người" để xem trước.`,
    listedTwice: (orgs: string) =>
      `Cả hai bên đều có hồ sơ đang sinh hoạt ở ${orgs}: nếu là một người, người đó bị ghi hai lần ở đó (Trùng trong tổ chức), một hồ sơ cần kết thúc.`,
    title: 'Rà soát liên kết: hai hồ sơ có phải một người?',
    intro:
      'Mỗi cặp là hai hồ sơ mà máy chưa quyết được có phải cùng một người hay không. Cặp nào quyết xong làm thay đổi số người nhiều nhất được đưa lên trước. Mỗi quyết định cần lý do, có hiệu lực ngay và được ghi nhật ký.',
    organization: 'Tổ chức',
    anyOrganization: 'Mọi tổ chức',
    commune: 'Xã, phường',
    anyCommune: 'Mọi xã, phường',
    band: 'Mức khả năng',
    anyBand: 'Mọi mức',
    bands: { high: 'Từ 80% trở lên', middle: 'Từ 50% đến dưới 80%', low: 'Dưới 50%' } as Record<string, string>,
    waiting: (n: number, more: boolean) => `${n.toLocaleString('vi-VN')}${more ? '+' : ''} cặp đang chờ`,
    none: 'Không còn cặp nào chờ rà soát với bộ lọc này.',
    pairOf: (i: number, n: number) => `Cặp ${i} / ${n}`,
    sideA: 'Hồ sơ thứ nhất',
    sideB: 'Hồ sơ thứ hai',
    field: 'Thông tin',
    compare: 'So sánh',
    agree: 'Khớp',
    near: 'Gần giống',
    differ: 'Khác',
    /** Both given, not the same, and saying little either way (two days of one year). */
    neutral: 'Khác, không nghiêng bên nào',
    unknown: 'Không rõ',
    other: 'Hai tổ chức',
    hidden: 'ngoài quyền xem',
    rows: {
      name: 'Họ tên',
      birth: 'Ngày sinh',
      sex: 'Giới tính',
      id: 'Số CCCD',
      phone: 'Số điện thoại',
      organization: 'Tổ chức',
      commune: 'Xã, phường',
      unit: 'Đơn vị',
      status: 'Trạng thái',
      flags: 'Cảnh báo',
      code: 'Mã hồ sơ',
    } as Record<string, string>,
    probability: 'Khả năng là một người',
    evidence: 'Bằng chứng từng thông tin',
    evidenceHint: 'Thanh sang phải: nghiêng về một người; sang trái: nghiêng về hai người.',
    reason: 'Lý do quyết định',
    reasonHint: 'Ghi lý do, rồi bấm Lưu quyết định hoặc nhấn Enter',
    reasonFirst: 'Ghi lý do cho quyết định rồi bấm "Lưu quyết định" hoặc nhấn Enter.',
    reasonMissing: 'Chưa lưu: quyết định cần có lý do. Ghi lý do vào ô trên (ví dụ: cùng CCCD, khác năm sinh) rồi nhấn Enter.',
    confirm: 'Cùng một người',
    reject: 'Hai người khác nhau',
    unsure: 'Chưa chắc, để sau',
    keys: 'Phím tắt (khi không gõ trong ô lý do): C — cùng một người, R — hai người khác nhau, N — chưa chắc, để sau. Mỗi phím chọn rồi đưa con trỏ vào ô lý do. Trong ô lý do: Enter — lưu điều đã chọn (để sau: lý do không bắt buộc), Esc — thoát ô.',
    pending: (d: string) => `Đã chọn: ${d}. Ghi lý do rồi bấm "Lưu quyết định" (hoặc nhấn Enter).`,
    pendingUnsure:
      'Đã chọn: Chưa chắc, để sau. Ghi điều còn băn khoăn nếu có (lưu vào nhật ký) rồi bấm "Để sau" hoặc nhấn Enter: cặp được đưa xuống cuối danh sách, chưa quyết định gì.',
    save: 'Lưu quyết định',
    putOff: 'Để sau',
    decided: {
      CONFIRM: 'Cặp vừa rồi: đã lưu "Cùng một người".',
      REJECT: 'Cặp vừa rồi: đã lưu "Hai người khác nhau".',
      UNSURE: 'Cặp vừa rồi: để sau, đã đưa xuống cuối danh sách (chưa quyết định).',
    } as Record<string, string>,
    counts: 'Số liệu toàn tỉnh sau quyết định vừa rồi',
    persons: 'Số người (sau liên kết)',
    several: 'Số người ở từ 2 tổ chức',
    change: (before: number, after: number) =>
      `${before.toLocaleString('vi-VN')} → ${after.toLocaleString('vi-VN')}${before === after ? ' (không đổi)' : ''}`,
    countsNow: 'Số liệu toàn tỉnh hiện tại',
    alreadyCounted: {
      CONFIRM: 'Số người không đổi: hai hồ sơ này đã được tính là một người từ trước; quyết định vừa rồi xác nhận điều đó.',
      REJECT: 'Số người không đổi: hai hồ sơ này đã được tính là hai người từ trước; quyết định vừa rồi giữ chúng tách nhau.',
    } as Record<string, string>,
    failed: 'Chưa lưu được quyết định; cặp được đưa lại vào danh sách.',
    deferFailed: 'Đã để sau cặp này, nhưng chưa ghi được lý do vào nhật ký:',
    openPerson: (side: string) => `Xem người của ${side.toLowerCase()}`,
  },
  person: {
    title: 'Một người ở các tổ chức',
    records: (n: number) => `${n} hồ sơ`,
    pick: 'Chọn để tách',
    noFlags: 'Không có cảnh báo',
    split: 'Tách các hồ sơ đã chọn thành người khác',
    splitHint: 'Chọn những hồ sơ không phải của người này (không chọn tất cả), ghi lý do rồi bấm tách.',
    reason: 'Lý do',
    splitDone: 'Đã tách: các hồ sơ đã chọn thành một người khác.',
    merge: 'Gộp với người khác',
    mergeHint: 'Các hồ sơ của người kia nhập vào người này. Ghi lý do ở trên rồi chọn người kia trong danh sách dưới đây.',
    candidates: 'Những người có thể là người này (kiểm tra trùng)',
    noCandidates: 'Kiểm tra trùng không thấy người nào khác giống người này.',
    mergeThis: 'Gộp người này vào',
    /** A person the check does not find: her id, copied from that person's page. */
    mergeById: 'Không có trong danh sách? Dán mã người kia (xem ở trang người đó, nút sao chép cạnh "Mã người"):',
    otherPerson: 'Mã người cần gộp vào',
    mergeDone: 'Đã gộp hai người làm một.',
    decisions: 'Quyết định rà soát về hồ sơ của người này',
    /** One decision: the two records, what was decided, by whom, when and why. */
    decision: (same: boolean, own: string, other: string, by: string, when: string, reason: string) =>
      `${same ? 'Cùng một người' : 'Hai người khác nhau'}: ${own} và ${other} — ${by}, ${when}. Lý do: ${reason}`,
    /** A record of a decided pair, as far as she may see it. */
    decidedRecord: (name: string | null, code: string | null, org: string) =>
      name ? `${name} (${code ?? ''}, ${org})` : `một hồ sơ của ${org} (ngoài quyền xem của bạn)`,
    /** A candidate someone already said is another person: said first, the probability after. */
    decidedApart: (name: string | null, org: string, by: string, when: string) =>
      `${name ?? `Thành viên của ${org}`} — ${org}: ${by} đã xác định là hai người khác nhau (${when})`,
    mergeAnyway: 'Vẫn gộp (đã xác định là hai người)',
    /** A person a pair waiting for review joins to this one: the model's chance, and that no one decided yet. */
    pendingPair: (name: string | null, org: string, probability: string) =>
      `${name ?? `Thành viên của ${org}`} — ${org}: cặp hồ sơ đang chờ rà soát (${probability})`,
    id: 'Mã người',
    notLinked: 'Hồ sơ này chưa được đối chiếu: chưa có người.',
    close: 'Đóng',
  },
  error: {
    network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    generic: 'Có lỗi',
  },
  dash: '—',
  clear: 'Xóa nội dung đã chọn',
  /** A dialog's close button (×), for a screen reader: the library's own says "Close". */
  closeDialog: 'Đóng',
} as const;

export const T = spoken(TEXT, new Set(['appTagline']));
