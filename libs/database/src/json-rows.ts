/**
 * Rows a statement returns as JSON (`json_agg(row_to_json(x))` over the columns a loader reads), made
 * what the driver would have given for the same columns read directly: timestamptz columns arrive
 * as ISO 8601 text and become Dates (to the millisecond, as the driver parses them). Every other
 * column the models read (text, uuid, boolean, integer, arrays, numerics converted by the models)
 * reads the same either way. Changes the rows in place.
 */
export function rowsFromJson<R>(
  json: readonly Record<string, unknown>[] | null,
  timestamps: readonly string[],
): R[] {
  if (!json) return [];
  for (const row of json)
    for (const column of timestamps) {
      const v = row[column];
      if (typeof v === 'string') row[column] = new Date(v);
    }
  return json as unknown as R[];
}

/** The timestamptz columns of the rows the loaders read (created_at everywhere, updated_at on referrals). */
export const ROW_TIMESTAMPS = ['created_at', 'updated_at'] as const;
