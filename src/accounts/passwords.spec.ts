import { hashPassword, verifyPassword } from './passwords.js';

describe('password hashes', () => {
  it('are argon2id at 64 MiB and 3 passes wherever the test run has not asked for the lowest cost', async () => {
    const saved = process.env.LIENTHONG_TEST_PASSWORD_COST;
    delete process.env.LIENTHONG_TEST_PASSWORD_COST;
    try {
      const hash = await hashPassword('Mật khẩu của chị Mai');
      expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
      expect(await verifyPassword(hash, 'Mật khẩu của chị Mai')).toBe(true);
      expect(await verifyPassword(hash, 'Mật khẩu của chị Lan')).toBe(false);
    } finally {
      if (saved !== undefined) process.env.LIENTHONG_TEST_PASSWORD_COST = saved;
    }
  });

  it('at the test run’s low cost are still argon2id, checked the same way', async () => {
    process.env.LIENTHONG_TEST_PASSWORD_COST = 'low';
    const hash = await hashPassword('Mật khẩu của chị Mai');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await verifyPassword(hash, 'Mật khẩu của chị Mai')).toBe(true);
    expect(await verifyPassword('không phải một mã băm', 'Mật khẩu của chị Mai')).toBe(false);
  });
});
