import { isUuid } from '#libs/common';
import type { Queryable } from '#libs/database';

/** True when the organisation exists; malformed ids are answered without asking PostgreSQL. */
export async function organisationExists(q: Queryable, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return (await q.query('SELECT 1 FROM organisations WHERE id = $1', [id])).length > 0;
}
