import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';

/**
 * The one place that maps errors to GraphQL: a DomainError keeps its code, Vietnamese message and
 * field problems; anything unexpected becomes INTERNAL_SERVER_ERROR without internals or stacks.
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
  // GraphQL validation and parse errors: keep graphql-js's message (it names the field), drop the stack.
  return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
}

function httpCode(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  return 'BAD_USER_INPUT';
}
