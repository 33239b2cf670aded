/**
 * Deterministic, collision-free ids: a uuid-shaped value built from a namespace, a table code and
 * counters (no randomness, so the same seed always gives the same ids, and ids of different
 * tables, people or seeds never collide).
 */
const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

export const TABLE_CODES = {
  organisations: 0x0a01,
  services: 0x0a02,
  staff: 0x0a03,
  people: 0x0b01,
  consents: 0x0b02,
  referrals: 0x0c01,
  referral_events: 0x0c02,
  wellbeing_assessments: 0x0d01,
  outcomes: 0x0d02,
} as const;

export type IdTable = keyof typeof TABLE_CODES;

/** The namespace of the fixed partnership and showcase (the same for every seed). */
export const FIXED_NAMESPACE = 0xde30_0000;

/** A namespace for a population seed, distinct from the fixed one. */
export function populationNamespace(seed: number): number {
  return (((seed >>> 0) % 0x0fff_ffff) + 0x1000_0000) >>> 0;
}

/** `namespace` (32 bits) - table - major (32 bits, e.g. person index) - minor (16 bits). */
export function demoId(namespace: number, table: IdTable, major: number, minor = 0): string {
  const m = hex(major, 8);
  return `${hex(namespace, 8)}-${hex(TABLE_CODES[table], 4)}-4${m.slice(0, 3)}-8${m.slice(3, 6)}-${m.slice(6, 8)}${hex(minor, 4)}000000`;
}
