/** The stages the referral summary counts (migration 0060), each with a people bitmap. */
const SUMMARY_STAGES = ['referred', 'accepted', 'started', 'completed'] as const;

/**
 * SQL: the referral summary rows of one dimension that match `where` (summaryConditions), one row
 * per summary key with its stripes summed: `grp`, the receiving service's `to_category`, each
 * stage's count and people bitmap. A key marked untrusted (`bits_valid` false in any stripe: a
 * referral left it) contributes its counts but no bits, so the bitmaps stay lower bounds.
 */
export function summaryKeysSql(dimension: string, where: string): string {
  const stages = SUMMARY_STAGES.map(
    (st) =>
      `sum(g.${st}) AS ${st}, CASE WHEN bool_and(g.bits_valid) THEN bit_or(g.${st}_bits) ELSE 0 END AS ${st}_bits`,
  ).join(',\n           ');
  return `
    SELECT g.grp, s.category AS to_category,
           ${stages}
      FROM analytics_referral_groups g JOIN services s ON s.id = g.to_service_id
     WHERE g.dimension = ${dimension} AND ${where}
     GROUP BY g.month, g.to_service_id, g.creator_organisation_id, g.grp, s.category`;
}
