import {
  type ArgumentsHost,
  type CallHandler,
  Catch,
  type ExceptionFilter,
  type ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';

/** Largest roster upload: a 250,000-row .xlsx is about 20 MB. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** An upload its sender stopped before the end (a phone that lost its network, a closed tab). */
export class UploadAbortedException extends Error {}

/**
 * Put before the upload's FileInterceptor: multer's "Request aborted" (the sender went away; multer
 * has removed what it wrote) becomes an UploadAbortedException, so that it is not an ERROR with a
 * stack in the operator's log.
 */
@Injectable()
export class UploadAbortedInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const aborted = (e: unknown) => e instanceof Error && !(e instanceof HttpException) && e.message === 'Request aborted';
    return next.handle().pipe(catchError((e: unknown) => throwError(() => (aborted(e) ? new UploadAbortedException() : e))));
  }
}

/**
 * An upload over MAX_UPLOAD_BYTES (multer stops it as it arrives): 413 with the limit in MB and what
 * to do, in the same JSON shape as every other refusal (the console shows its `message`). An upload
 * its sender stopped: one warning line, no answer (nobody is there to read it), nothing kept.
 */
@Catch(PayloadTooLargeException, UploadAbortedException)
export class UploadFilter implements ExceptionFilter {
  private readonly logger = new Logger('Imports');

  catch(error: PayloadTooLargeException | UploadAbortedException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof UploadAbortedException) {
      this.logger.warn('một tệp đang tải lên bị ngắt giữa chừng (người gửi đóng kết nối): không nhập gì, phần đã nhận đã xoá');
      if (!res.headersSent) res.status(400).end();
      return;
    }
    const mb = MAX_UPLOAD_BYTES / 1024 / 1024;
    res.status(413).json({
      code: 'PAYLOAD_TOO_LARGE',
      message: `Tệp quá lớn: mỗi lần tải lên tối đa ${mb} MB. Hãy lưu danh sách dạng Excel (.xlsx, nhỏ hơn CSV nhiều lần) hoặc chia thành nhiều tệp nhỏ hơn ${mb} MB rồi gửi lại`,
      problems: [],
    });
  }
}
