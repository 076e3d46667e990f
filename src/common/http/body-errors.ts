import type { NextFunction, Request, Response } from 'express';

/** A request body the JSON parser refused (body-parser's error `type`), answered as the API answers: in Vietnamese. */
const SAID: Record<string, { status: number; code: string; message: string }> = {
  'entity.too.large': {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'Yêu cầu quá lớn (quá 1 MB): chia truy vấn hoặc dữ liệu thành nhiều yêu cầu nhỏ hơn. Tệp danh sách thì gửi qua POST /imports.',
  },
  'entity.parse.failed': {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'Nội dung yêu cầu không phải JSON hợp lệ: kiểm tra dấu ngoặc, dấu phẩy và dấu nháy kép.',
  },
  'charset.unsupported': { status: 415, code: 'BAD_REQUEST', message: 'Nội dung yêu cầu phải là JSON mã UTF-8.' },
  'encoding.unsupported': {
    status: 415,
    code: 'BAD_REQUEST',
    message: 'Máy chủ không đọc được kiểu nén của nội dung yêu cầu: gửi không nén.',
  },
};

/** Express error middleware after the body parser: its refusals said in Vietnamese (GraphQL's error shape), anything else passed on. */
export function bodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const said = SAID[(err as { type?: string } | null)?.type ?? ''];
  if (!said || res.headersSent) return next(err);
  res.status(said.status).json({ errors: [{ message: said.message, extensions: { code: said.code } }] });
}
