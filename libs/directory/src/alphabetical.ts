/**
 * How the directory lists organisations, services and staff: alphabetically by name as a reader
 * expects it (British English collation, so "Émile" sits with the E's and "Łukasz" with the L's,
 * whatever the database's collation, which is byte order in the embedded cluster), case and accents
 * set aside, numbers by value ("Group 2" before "Group 10"); names equal that way by their exact
 * text, then by id, so the order never changes between two reads.
 */
const COLLATOR = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

function exactly(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function alphabetically(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return COLLATOR.compare(a.name, b.name) || exactly(a.name, b.name) || exactly(a.id, b.id);
}
