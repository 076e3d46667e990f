import { isLocalCaller } from './health-audience.js';

describe("who sees /health's details without a token", () => {
  it.each([
    ['127.0.0.1', {}, true],
    ['::1', {}, true],
    ['::ffff:127.0.0.1', {}, true],
    ['127.0.1.1', {}, true],
    ['203.0.113.7', {}, false],
    ['::ffff:10.0.0.5', {}, false],
    [undefined, {}, false],
    // Through the README's nginx or Caddy: the socket is 127.0.0.1, the caller is on the internet.
    ['127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }, false],
    ['127.0.0.1', { forwarded: 'for=203.0.113.7' }, false],
    ['127.0.0.1', { 'x-real-ip': '203.0.113.7' }, false],
    ['::1', { via: '1.1 caddy' }, false],
  ])('%s with %j: %s', (address, headers, local) => {
    expect(isLocalCaller(address, headers)).toBe(local);
  });
});
