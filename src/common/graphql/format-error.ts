import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';
import { vietnameseGraphqlMessage } from './graphql-messages.js';
import { QUERY_CANCELED } from './statement-timeout.js';

/**
 * The one place that maps errors to GraphQL: a DomainError keeps its code, Vietnamese message and
 * field problems; a client's mistake the code did not foresee (a value PostgreSQL refuses, a
 * persisted-query hash that does not match) is BAD_USER_INPUT; a statement stopped by the request
 * timeout is QUERY_TIMEOUT; anything else becomes INTERNAL_SERVER_ERROR without internals or stacks.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: original.code, problems: original.problems },
    };
  }
  const known = clientMistake(original, formatted);
  if (known) return { message: known.message, path: formatted.path, extensions: { code: known.code } };
  const code = (formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  if (original instanceof HttpException) {
    return { message: original.message, path: formatted.path, extensions: { code: httpCode(original.getStatus()) } };
  }
  if (code === 'INTERNAL_SERVER_ERROR') {
    process.stderr.write(`[graphql] ${original instanceof Error ? (original.stack ?? original.message) : String(original)}\n`);
    return {
      message: 'Lỗi máy chủ: yêu cầu chưa được thực hiện. Vui lòng thử lại hoặc báo quản trị viên.',
      path: formatted.path,
      extensions: { code },
    };
  }
  // GraphQL validation and parse errors: graphql-js's message said in Vietnamese (it names the field), no stack.
  return {
    message: vietnameseGraphqlMessage(formatted.message),
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code },
  };
}

const PERSISTED_QUERY_MESSAGES: Record<string, string> = {
  'provided sha does not match query':
    "Truy vấn lưu sẵn: 'extensions.persistedQuery.sha256Hash' không khớp với truy vấn gửi kèm. Gửi đúng SHA-256 (hex) của truy vấn, hoặc bỏ 'extensions.persistedQuery'.",
  'Unsupported persisted query version': "Truy vấn lưu sẵn: chỉ hỗ trợ 'extensions.persistedQuery.version' = 1.",
};

/** A mistake of the client's that reached past the checks, with what to tell it; null when it is ours. */
function clientMistake(original: unknown, formatted: GraphQLFormattedError): { code: string; message: string } | null {
  const where = formatted.path?.length ? ` cho '${String(formatted.path[0])}'` : '';
  const pg = (original as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  if (pg === QUERY_CANCELED)
    return {
      code: 'QUERY_TIMEOUT',
      message: `Truy vấn${where} chạy quá lâu nên đã bị dừng: thu hẹp phạm vi (scope, bộ lọc, 'first') hoặc chia nhỏ rồi thử lại.`,
    };
  // SQLSTATE class 22 (data exception): a value that reached PostgreSQL was of the wrong kind or out of range.
  if (typeof pg === 'string' && pg.startsWith('22'))
    return {
      code: 'BAD_USER_INPUT',
      message: `Dữ liệu không hợp lệ${where}: một giá trị gửi lên (con trỏ trang, ngày, số hoặc mã) sai dạng hoặc vượt giới hạn. Kiểm tra các tham số rồi thử lại.`,
    };
  if (original instanceof GraphQLError && !original.extensions?.code) {
    const status = (original.extensions?.http as { status?: number } | undefined)?.status;
    if (status !== undefined && status >= 400 && status < 500)
      return { code: 'BAD_USER_INPUT', message: PERSISTED_QUERY_MESSAGES[original.message] ?? `Yêu cầu không hợp lệ: ${original.message}` };
  }
  return null;
}

function httpCode(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  return 'BAD_USER_INPUT';
}
