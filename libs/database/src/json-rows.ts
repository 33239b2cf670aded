/** The timestamptz columns of the rows the loaders read (created_at everywhere, updated_at on referrals). */
const ROW_TIMESTAMPS = ['created_at', 'updated_at'] as const;

/**
 * Records a statement read along the way as JSON (`json_agg(row_to_json(x))` over the columns a
 * loader reads), made models, keyed by id and primed into the request's loader, so that the fields
 * asking for them are answered without a statement of their own. Only the records whose id is in
 * `keep` (those of what is being returned).
 *
 * The JSON rows are first made what the driver would have given for the same columns read directly:
 * timestamptz columns arrive as ISO 8601 text and become Dates (to the millisecond, as the driver
 * parses them). Every other column the models read (text, uuid, boolean, integer, arrays, numerics
 * converted by the models) reads the same either way.
 */
export function primeFromJson<R extends { id: string }, M>(
  json: readonly Record<string, unknown>[] | null,
  keep: ReadonlySet<string>,
  toModel: (row: R) => M,
  loader: { prime(id: string, value: NoInfer<M>): unknown },
): Map<string, M> {
  const models = new Map<string, M>();
  for (const row of json ?? []) {
    const id = row.id as string;
    if (!keep.has(id)) continue;
    for (const column of ROW_TIMESTAMPS) {
      const v = row[column];
      if (typeof v === 'string') row[column] = new Date(v);
    }
    const model = toModel(row as unknown as R);
    models.set(id, model);
    loader.prime(id, model);
  }
  return models;
}
