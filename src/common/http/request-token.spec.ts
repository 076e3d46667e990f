import { csrfTokenFor, passesCsrf, requestToken } from './request-token.js';

const TOKEN = 'lt_ses_' + 'a'.repeat(43);

describe('requestToken', () => {
  it.each([
    ['a bearer header', { authorization: `Bearer ${TOKEN}` }, { via: 'bearer', token: TOKEN }],
    ['a header of another form', { authorization: 'Basic abc' }, { via: 'bearer', token: null }],
    ['the cookie among others', { cookie: `a=1; lt_session=${TOKEN}; b=2` }, { via: 'cookie', token: TOKEN }],
    ['the header over the cookie', { authorization: 'Bearer other', cookie: `lt_session=${TOKEN}` }, { via: 'bearer', token: 'other' }],
    ['a cookie of a similar name', { cookie: `xlt_session=${TOKEN}; lt_session_old=${TOKEN}` }, null],
    ['an empty cookie (a cleared one)', { cookie: 'lt_session=' }, null],
    ['nothing', {}, null],
  ])('reads %s', (_what, headers, expected) => {
    expect(requestToken({ headers })).toEqual(expected);
  });
});

describe('passesCsrf', () => {
  const cookie = { via: 'cookie' as const, token: TOKEN };
  it.each([
    ['GET', undefined, true],
    ['HEAD', undefined, true],
    ['OPTIONS', undefined, true],
    ['POST', undefined, false],
    ['DELETE', undefined, false],
    ['PATCH', 'x'.repeat(43), false],
    ['POST', csrfTokenFor(TOKEN + 'b'), false],
    ['POST', csrfTokenFor(TOKEN), true],
    ['DELETE', csrfTokenFor(TOKEN), true],
  ])('a cookie %s with header %s: %s', (method, header, ok) => {
    expect(passesCsrf({ method, headers: header === undefined ? {} : { 'x-csrf-token': header } }, cookie)).toBe(ok);
  });

  it('never asks a bearer request for it', () => {
    expect(passesCsrf({ method: 'POST', headers: {} }, { via: 'bearer', token: TOKEN })).toBe(true);
  });

  it('is the same for a session in any process and different between sessions', () => {
    expect(csrfTokenFor(TOKEN)).toBe(csrfTokenFor(TOKEN));
    expect(csrfTokenFor(TOKEN)).not.toBe(csrfTokenFor(TOKEN.replace(/a$/, 'b')));
    expect(csrfTokenFor(TOKEN)).not.toContain(TOKEN);
  });
});
