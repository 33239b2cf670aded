const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot exist, so callers answer NOT_FOUND (or match nothing) without asking the database. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Keeps only well-formed ids (filters: unknown ids simply match nothing). */
export function uuidsOnly(values: readonly string[] | null | undefined): string[] {
  return (values ?? []).filter(isUuid);
}
