import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Principal } from './principal.js';

export type RequestWithPrincipal = Request & { principal?: Principal | null; principalLookup?: Promise<Principal | null> };

/** The HTTP request behind a GraphQL resolver or a controller. */
export function requestOf(ctx: ExecutionContext): RequestWithPrincipal {
  if (ctx.getType<string>() === 'graphql') return GqlExecutionContext.create(ctx).getContext<{ req: RequestWithPrincipal }>().req;
  return ctx.switchToHttp().getRequest<RequestWithPrincipal>();
}
