/**
 * Text folded for a case-insensitive comparison in SQL: upper case first, then lower, so letters
 * that are one letter in capitals compare equal (σ and a final ς, i and a dotless ı, s and ſ), which
 * lower() alone keeps apart. PostgreSQL's case mapping is one letter to one, so ß and SS stay apart.
 * An index that serves such a comparison is over the same expression: staff_email_folded_key
 * (migration 0070), the people_*_trgm_idx name and email indexes (0071).
 */
export const caseFoldedSql = (sql: string): string => `lower(upper(${sql}))`;
