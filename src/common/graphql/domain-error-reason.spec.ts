import type { ArgumentsHost } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError } from '../errors/domain-error.js';
import { DomainErrorFilter } from './domain-error.filter.js';
import { formatGraphqlError } from './format-error.js';

// The reason is for the server's own branching: neither the GraphQL answer nor the HTTP body carries it.
describe('DomainError reason stays on the server', () => {
  const busy = new DomainError('CONFLICT', 'Một báo cáo khác đang được lập', [], 'REPORT_BUSY');

  it('is kept on the error', () => {
    expect(busy.reason).toBe('REPORT_BUSY');
    expect(new DomainError('CONFLICT', 'x').reason).toBeNull();
  });

  it('is not in the GraphQL error', () => {
    const wrapped = new GraphQLError(busy.message, { path: ['runReport'], originalError: busy });
    const out = formatGraphqlError(wrapped.toJSON(), wrapped);
    expect(out).toEqual({ message: busy.message, path: ['runReport'], extensions: { code: 'CONFLICT', problems: [] } });
    expect(JSON.stringify(out)).not.toContain('REPORT_BUSY');
  });

  it('is not in the HTTP body', () => {
    let status = 0;
    let body: unknown;
    const res = {
      status: (s: number) => ((status = s), res),
      json: (b: unknown) => (body = b),
    };
    const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
    new DomainErrorFilter().catch(busy, host);
    expect(status).toBe(409);
    expect(body).toEqual({ code: 'CONFLICT', message: busy.message, problems: [] });
  });
});
