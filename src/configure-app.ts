import { bodyErrors } from './common/http/body-errors.js';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDistDirectory, renderAltair } from 'altair-static';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { applyStatementTimeouts, statementTimeoutMiddleware } from './common/graphql/statement-timeout.js';
import { createValidationPipe } from './common/graphql/validation.js';
import { serveConsole } from './common/http/console-site.js';
import { requestRateLimit } from './common/http/request-rate.js';
import { queryPageCsp, securityHeaders } from './common/http/security-headers.js';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/config.module.js';

/** Paths of the API (the query page's files and /health are not counted). */
const API_PATHS = ['/graphql', '/session', '/imports', '/exports', '/templates', '/reports'];

const EXAMPLE_QUERY = `# Liên Thông: ví dụ truy vấn
{
  organizations { code name memberTerm }
}
`;

/** What main.ts and the end-to-end tests both apply: headers, pipes, limits, the web console and (GRAPHQL_DEV_TOOLS) the offline query page. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  // The query page is self-hosted (Altair from node_modules): provincial networks are often closed.
  const page = config.graphqlDevTools
    ? renderAltair({ baseURL: '/graphql-ui/', endpointURL: '/graphql', initialQuery: EXAMPLE_QUERY })
    : null;
  app.use(securityHeaders(page === null ? null : queryPageCsp(page)));
  const rate = requestRateLimit({ perMinute: config.requestsPerMinute, inFlight: config.requestsInFlight });
  for (const prefix of API_PATHS) app.use(prefix, rate);
  app.useGlobalPipes(createValidationPipe());
  app.useBodyParser('json', { limit: '1mb' });
  app.use(bodyErrors);
  applyStatementTimeouts(app.get(DataSource));
  app.use('/graphql', statementTimeoutMiddleware(config.queryTimeoutMs));
  app.disable('x-powered-by');
  // Behind a reverse proxy (README "Running as a service"): the client's address from X-Forwarded-For.
  if (config.trustProxy !== null) app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  serveConsole(app);
  if (page !== null) {
    app.useStaticAssets(getDistDirectory(), { prefix: '/graphql-ui/', index: false });
    app.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
      if (req.method === 'GET' && !req.query.query && req.accepts(['json', 'html']) === 'html') {
        res.type('html').send(page);
        return;
      }
      next();
    });
  }
}
