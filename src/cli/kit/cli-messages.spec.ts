import { writeFile } from 'node:fs/promises';
import { fileSystemMessage, vietnameseUsageError } from './cli-messages.js';

describe('usage errors of the command line, in Vietnamese', () => {
  it.each([
    ["error: required option '--org <CODE>' not specified\n", 'lienthong: thiếu tùy chọn bắt buộc --org <CODE> (xem: lienthong --help)\n'],
    ["error: missing required argument 'FILE'\n", 'lienthong: thiếu tham số bắt buộc FILE (xem: lienthong --help)\n'],
    ["error: unknown option '--zz'\n", "lienthong: không có tùy chọn '--zz' (xem: lienthong --help)\n"],
    [
      "error: unknown command 'imprt'\n(Did you mean import?)\n",
      "lienthong: không có lệnh 'imprt'\n(có phải import?) (xem: lienthong --help)\n",
    ],
    [
      "error: option '--auto <P>' argument '1.5' is invalid. --auto phải là một xác suất lớn hơn 0 và nhỏ hơn 1 (ví dụ 0.99)\n",
      "lienthong: tùy chọn --auto <P>: giá trị '1.5' không hợp lệ. --auto phải là một xác suất lớn hơn 0 và nhỏ hơn 1 (ví dụ 0.99) (xem: lienthong --help)\n",
    ],
    ["error: option '--org <CODE>' argument missing\n", 'lienthong: tùy chọn --org <CODE>: thiếu giá trị (xem: lienthong --help)\n'],
    [
      "error: too many arguments for 'import'. Expected 1 argument but got 2.\n",
      "lienthong: lệnh 'import' nhận 1 tham số, nhận được 2 (xem: lienthong --help)\n",
    ],
    ['something else\n', 'something else\n'],
  ])('says %j in Vietnamese', (english, vietnamese) => {
    expect(vietnameseUsageError(english)).toBe(vietnamese);
  });
});

describe('a file or folder the command could not use, in Vietnamese', () => {
  it('names the path and what to do, for the system error a missing folder gives', async () => {
    const e = await writeFile('/khong-co-thu-muc-nay/HPN.xlsx', 'x').catch((err: unknown) => err);
    expect(fileSystemMessage(e)).toBe(
      "'/khong-co-thu-muc-nay/HPN.xlsx': không có tệp hoặc thư mục này: kiểm tra lại đường dẫn (thư mục để ghi tệp phải có sẵn)",
    );
  });

  it('leaves any other error to its own message', () => {
    expect(fileSystemMessage(new Error('khác'))).toBeNull();
    expect(fileSystemMessage(Object.assign(new Error('x'), { code: 'ECONNREFUSED', path: '/tmp' }))).toBeNull();
  });
});
