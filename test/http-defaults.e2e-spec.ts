import { createHash } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { loadConfig } from '../src/config/app-config.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Safe HTTP defaults for a deployment (README "Security"); the query page only on GRAPHQL_DEV_TOOLS=true. */
describe('HTTP defaults', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No NODE_ENV, as `npm start` leaves it.
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const headersOf = (res: Response) => Object.fromEntries(Object.keys(HEADERS).map((h) => [h, res.headers.get(h)]));

  it('sends no-store, nosniff, no framing and no referrer on API answers and personal-data downloads', async () => {
    const api = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` },
      body: JSON.stringify({ query: '{ me { name } }' }),
    });
    expect(headersOf(api)).toEqual(HEADERS);
    expect(api.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    const download = await fetch(`${t.url}/exports/DTN.csv`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(download.status).toBe(200);
    expect(headersOf(download)).toEqual(HEADERS);
    const refused = await fetch(`${t.url}/exports/DTN.csv`);
    expect(refused.status).toBe(401);
    expect(headersOf(refused)).toEqual(HEADERS);
  });

  it('has introspection and the query page off unless GRAPHQL_DEV_TOOLS=true', async () => {
    const r = await t.gql('{ __schema { queryType { name } } }');
    expect(r.status).toBe(400);
    expect(r.errors![0].message).toContain('introspection');
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<base href="/graphql-ui/">');
    expect((await fetch(`${t.url}/graphql-ui/main.js`)).status).toBe(404);
    expect(() => loadConfig({ GRAPHQL_DEV_TOOLS: 'true', NODE_ENV: 'production' })).toThrow(
      /GRAPHQL_DEV_TOOLS=true chỉ dùng khi phát triển/,
    );
    expect(() => loadConfig({ GRAPHQL_DEV_TOOLS: 'yes' })).toThrow(/ghi true hoặc false/);
  });
});

describe('the query page with GRAPHQL_DEV_TOOLS=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ GRAPHQL_DEV_TOOLS: 'true' });
  });
  afterAll(async () => t.close());

  it('serves the page and all its assets from this server (works offline), under a policy that allows exactly them', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self' 'sha256-");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
    const html = await res.text();
    expect(html).toContain('<base href="/graphql-ui/">');
    // Every inline script is allowed by its hash; everything else comes from 'self'.
    for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g))
      if (body.trim()) expect(csp).toContain(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    const assets = [...html.matchAll(/<(?:script|link|img)[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(5);
    for (const a of assets) {
      expect(a).not.toMatch(/^(https?:)?\/\//);
      const asset = await fetch(`${t.url}/graphql-ui/${a}`);
      expect([a, asset.status]).toEqual([a, 200]);
      expect(asset.headers.get('content-security-policy')).toBe(csp);
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it("answers the page's own introspection query (not refused as too deep)", async () => {
    const r = await t.gql<{ __schema: { queryType: { name: string }; types: unknown[] } }>(
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
      {},
      { token: null },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.__schema.queryType.name).toBe('Query');
    expect(r.data!.__schema.types.length).toBeGreaterThan(50);
  });
});
