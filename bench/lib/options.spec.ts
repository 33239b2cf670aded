import { FULL_SIZE, parseOptions, QUICK_SIZE, runMode } from './options.js';

const parse = (...argv: string[]) => parseOptions(argv, {});

describe('parseOptions', () => {
  it('is the whole table at full size with no arguments', () => {
    const opts = parse();
    expect(opts).toMatchObject({ quick: false, partial: false, size: FULL_SIZE, only: [] });
    expect(runMode(opts)).toBe('full');
  });

  it('is the whole quick table with --quick alone', () => {
    const opts = parse('--quick');
    expect(opts).toMatchObject({ quick: true, partial: false, size: QUICK_SIZE });
    expect(runMode(opts)).toBe('quick');
  });

  it.each([
    [['--only', 'journey,inbox'], 'full-partial'],
    [['--only=journey'], 'full-partial'],
    [['--scale', '0.2'], 'full-partial'],
    [['--quick', '--only', 'makeReferral'], 'quick-partial'],
    [['--write-requests', '500'], 'full-partial'],
    [['--read-requests=200'], 'full-partial'],
    [['--analytics-requests', '5'], 'full-partial'],
    [['--soak-seconds', '20'], 'full-partial'],
  ])('%j is a partial run (%s): it is not a record to compare whole runs by', (argv, mode) => {
    const opts = parse(...argv);
    expect(opts.partial).toBe(true);
    expect(runMode(opts)).toBe(mode);
  });

  it('keeps the options that do not change what is measured out of it', () => {
    for (const argv of [['--keep'], ['--cpu-prof'], ['--scale', '1']])
      expect(parse(...argv).partial).toBe(false);
  });

  it('splits --only and scales the size', () => {
    const opts = parse('--only', ' journey , inbox,', '--scale', '0.5');
    expect(opts.only).toEqual(['journey', 'inbox']);
    expect(opts.size).toEqual({ people: FULL_SIZE.people / 2, referrals: FULL_SIZE.referrals / 2 });
  });

  it('refuses run lengths that are not positive whole numbers, naming the option', () => {
    expect(() => parse('--read-requests', '0')).toThrow(
      '--read-requests must be a positive whole number (got "0")',
    );
    expect(() => parse('--scale', '-1')).toThrow('--scale must be a positive number');
  });
});
