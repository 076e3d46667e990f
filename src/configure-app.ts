import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDistDirectory, renderAltair } from 'altair-static';
import type { NextFunction, Request, Response } from 'express';
import { createValidationPipe } from './common/graphql/validation.js';

const EXAMPLE_QUERY = `# Liên Thông: ví dụ truy vấn
{
  organizations { code name memberTerm }
}
`;

/** What main.ts and the end-to-end tests both apply: pipes, limits and the offline query page. */
export function configureApp(app: NestExpressApplication): void {
  app.useGlobalPipes(createValidationPipe());
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  // The query page is self-hosted (Altair from node_modules): provincial networks are often closed.
  app.useStaticAssets(getDistDirectory(), { prefix: '/graphql-ui/', index: false });
  const page = renderAltair({ baseURL: '/graphql-ui/', endpointURL: '/graphql', initialQuery: EXAMPLE_QUERY });
  app.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && !req.query.query && req.accepts(['json', 'html']) === 'html') {
      res.type('html').send(page);
      return;
    }
    next();
  });
  app.use('/health', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
}
