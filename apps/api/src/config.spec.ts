import { loadConfig } from './config.js';

/** A configuration that needs nothing on disk: an external database and a given secret. */
const base = { NODE_ENV: 'test', DATABASE_URL: 'postgres://x@127.0.0.1:1/x', AUTH_SECRET: 'x'.repeat(32) };

describe('numbers in the environment', () => {
  it.each([
    ['RATE_LIMIT_PER_MINUTE', '0x10'],
    ['RATE_LIMIT_PER_MINUTE', '1e3'],
    ['RATE_LIMIT_PER_MINUTE', '99999999999999999999'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['RATE_LIMIT_PER_MINUTE', '1.5'],
    ['DISCLOSURE_ROUNDING', '0'],
  ])('%s=%j is refused at start, naming the variable', async (name, value) => {
    await expect(loadConfig({ ...base, [name]: value })).rejects.toThrow(
      new RegExp(`^${name} must be a whole number of at least \\d+ and at most 15 digits \\(got "`),
    );
  });

  it.each([
    ['DISCLOSURE_THRESHOLD', ' ', 'disclosureThreshold', 7],
    ['DISCLOSURE_THRESHOLD', '\t', 'disclosureThreshold', 7],
    ['RATE_LIMIT_ANON_PER_MINUTE', '  ', 'rateLimitAnonPerMinute', 300],
    ['PORT', ' ', 'port', 3000],
  ] as const)(
    '%s=%j is the default, never 0 (which would turn a protection off)',
    async (name, value, key, n) => {
      expect((await loadConfig({ ...base, [name]: value }))[key]).toBe(n);
    },
  );

  it('reads decimal digits, spaces around them allowed; unset or empty is the default', async () => {
    const c = await loadConfig({
      ...base,
      DISCLOSURE_THRESHOLD: ' 10 ',
      RATE_LIMIT_PER_MINUTE: '0',
      PORT: '',
    });
    expect(c.disclosureThreshold).toBe(10);
    expect(c.rateLimitPerMinute).toBe(0);
    expect(c.port).toBe(3000);
    expect((await loadConfig(base)).disclosureThreshold).toBe(7);
  });
});

describe('warnings at start', () => {
  it('says that SEED_DEMO=true is ignored in production', async () => {
    const c = await loadConfig({ ...base, NODE_ENV: 'production', SEED_DEMO: 'true' });
    expect(c.seedDemo).toBe('off');
    expect(c.warnings).toContain(
      'SEED_DEMO=true is ignored with NODE_ENV=production: the demo is never seeded in production.',
    );
    expect((await loadConfig({ ...base, SEED_DEMO: 'true' })).warnings).toEqual([]);
  });

  it('says when a generated secret on disk was unusable and had to be replaced', async () => {
    const { mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'pathways-config-'));
    try {
      const env = { NODE_ENV: 'test', DATA_DIR: dir };
      const fresh = await loadConfig(env);
      expect(fresh.warnings).toEqual([]); // made on the first start: nothing to say
      expect((await loadConfig(env)).authSecret).toBe(fresh.authSecret); // kept
      await writeFile(path.join(dir, 'auth-secret'), '\n');
      const replaced = await loadConfig(env);
      expect(replaced.authSecret).not.toBe(fresh.authSecret);
      expect((await readFile(path.join(dir, 'auth-secret'), 'utf8')).trim()).toBe(replaced.authSecret);
      expect(replaced.warnings).toEqual([
        `${path.join(dir, 'auth-secret')} held no usable secret (empty, or under 32 characters): a new one was written, so tokens issued before no longer work.`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, 'loopback'],
    ['  ', 'loopback'],
    ['2', 2],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
    ['192.0.2.10,fd00::/8, uniquelocal', '192.0.2.10, fd00::/8, uniquelocal'],
    ['10.0.0.0/255.0.0.0', '10.0.0.0/255.0.0.0'],
  ])('%j → %j', async (value, trusted) => {
    expect((await loadConfig({ ...base, TRUST_PROXY: value })).trustProxy).toBe(trusted);
  });

  it.each(['true', 'everyone', '10.0.0.0/33', '300.1.1.1', 'loopback, ', '::1/129'])(
    '%j is refused at start, saying what it takes',
    async (value) => {
      await expect(loadConfig({ ...base, TRUST_PROXY: value })).rejects.toThrow(
        /^TRUST_PROXY must list the proxies/,
      );
    },
  );
});
