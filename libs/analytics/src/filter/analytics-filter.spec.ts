import { ServiceCategory } from '#libs/directory';
import type { AnalyticsFilterInput } from '../models/analytics.models.js';
import { isOneWardOnly, normaliseFilter, NO_FILTER } from './analytics-filter.js';

const ORG = '3f2b8c1e-1111-4222-8333-444455556666';

describe('normaliseFilter: whole months, lists, validation', () => {
  it.each([
    [{ from: '2026-03-15' }, { fromDate: '2026-03-01', toExclusive: null }],
    [{ to: '2026-03-15' }, { fromDate: null, toExclusive: '2026-04-01' }],
    [{ to: '2026-12-31' }, { fromDate: null, toExclusive: '2027-01-01' }],
    [
      { from: '2026-02-28', to: '2026-02-01' },
      { fromDate: '2026-02-01', toExclusive: '2026-03-01' },
    ],
    [
      { from: '2025-12-31', to: '2026-01-01' },
      { fromDate: '2025-12-01', toExclusive: '2026-02-01' },
    ],
  ])('%j → %j', (input, expected) => {
    expect(normaliseFilter(input)).toMatchObject(expected);
  });

  it('no filter restricts nothing', () => {
    expect(normaliseFilter(null)).toEqual(NO_FILTER);
    expect(normaliseFilter({})).toEqual(NO_FILTER);
  });

  it('a "from" month after the "to" month is BAD_USER_INPUT on filter.to', () => {
    expect(() => normaliseFilter({ from: '2026-04-01', to: '2026-03-31' })).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.to' }),
      }),
    );
  });

  it('malformed organisation ids match nothing rather than failing', () => {
    expect(normaliseFilter({ organisationIds: ['nope', ORG] }).organisationIds).toEqual([ORG]);
    expect(normaliseFilter({ organisationIds: ['nope'] }).organisationIds).toEqual([]);
  });

  it('wards are trimmed; a blank ward is BAD_USER_INPUT on filter.wards', () => {
    expect(normaliseFilter({ wards: [' Park ', 'Park'] }).wards).toEqual(['Park']);
    expect(() => normaliseFilter({ wards: [' '] })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'filter.wards' }) }),
    );
  });

  it('an empty list stays a restriction (to nothing)', () => {
    expect(normaliseFilter({ categories: [] }).categories).toEqual([]);
  });
});

describe('isOneWardOnly: pathways read the per-ward summary only for exactly one ward and nothing else', () => {
  it.each([
    [{ wards: ['Park'] }, true],
    [{ wards: [' Park ', 'Park'] }, true],
    [null, false],
    [{ wards: [] }, false],
    [{ wards: ['Park', 'Town'] }, false],
    [{ wards: ['Park'], from: '2026-01-01' }, false],
    [{ wards: ['Park'], to: '2026-01-01' }, false],
    [{ wards: ['Park'], categories: [ServiceCategory.ESOL] }, false],
    [{ wards: ['Park'], organisationIds: [ORG] }, false],
  ] as [AnalyticsFilterInput | null, boolean][])('%j → %s', (input, expected) => {
    expect(isOneWardOnly(normaliseFilter(input))).toBe(expected);
  });
});
