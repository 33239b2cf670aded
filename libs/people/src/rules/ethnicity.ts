/** NHS Data Dictionary ethnic category codes. */
export const ETHNICITY_CODES: ReadonlySet<string> = new Set('ABCDEFGHJKLMNPRSZ'.split(''));
