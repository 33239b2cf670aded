import { scryptSync } from 'node:crypto';
import { dummyPasswordHash, hashPassword, SCRYPT_PARAMS, verifyPassword } from './password.js';

describe('password hashing (scrypt)', () => {
  it('stores the algorithm, its cost, a salt and the hash; never the password', async () => {
    const stored = await hashPassword('correct horse battery');
    const [alg, N, r, p, salt, hash] = stored.split('$');
    expect([alg, Number(N), Number(r), Number(p)]).toEqual([
      'scrypt',
      SCRYPT_PARAMS.N,
      SCRYPT_PARAMS.r,
      SCRYPT_PARAMS.p,
    ]);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64url')).toHaveLength(32);
    expect(stored).not.toContain('correct horse battery');
  });

  it('is memory-hard: at least 16 MiB per hash', () => {
    expect(128 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password!'), hashPassword('same password!')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password!', a)).toBe(true);
    expect(await verifyPassword('same password!', b)).toBe(true);
  });

  it('treats composed and decomposed accents alike', async () => {
    const stored = await hashPassword('Ren\u00e9e likes caf\u00e9s');
    expect(await verifyPassword('Rene\u0301e likes cafe\u0301s', stored)).toBe(true);
  });

  it('reads the cost from the stored string, so hashes made with another cost still verify', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('older password', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('older password', stored)).toBe(true);
    expect(await verifyPassword('other password', stored)).toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['a placeholder', 'fixture:no-login'],
    ['another algorithm', 'bcrypt$10$abc'],
    [
      'a non-power-of-two cost',
      'scrypt$1000$8$1$MDEyMzQ1Njc4OWFiY2RlZg$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY',
    ],
    [
      'an absurd cost',
      'scrypt$4194304$8$1$MDEyMzQ1Njc4OWFiY2RlZg$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY',
    ],
    ['a short salt', 'scrypt$1024$8$1$YWI$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY'],
  ])('refuses %s as a stored hash', async (_label, stored) => {
    expect(await verifyPassword('anything at all', stored)).toBe(false);
  });

  it('keeps one dummy hash per process for unknown emails', async () => {
    const a = await dummyPasswordHash();
    expect(a).toMatch(/^scrypt\$32768\$6\$1\$/);
    expect(await dummyPasswordHash()).toBe(a);
    expect(await verifyPassword('', a)).toBe(false);
  });
});
