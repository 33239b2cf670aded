import { alphabetically } from './alphabetical.js';

describe('alphabetically (directory lists)', () => {
  const sorted = (names: string[]) =>
    names
      .map((name, i) => ({ name, id: String(i).padStart(3, '0') }))
      .sort(alphabetically)
      .map((x) => x.name);

  it.each([
    [
      'case and accents set aside',
      ['Zed Upper', 'Émile Accent', 'alice Lower', 'Łukasz', 'Ölaf', 'Oscar plain', 'ıvan dotless', 'Ian'],
      ['alice Lower', 'Émile Accent', 'Ian', 'ıvan dotless', 'Łukasz', 'Ölaf', 'Oscar plain', 'Zed Upper'],
    ],
    [
      'a letter written with a combining accent',
      ['Ozzy', 'O\u0301scar', 'Oliver'],
      ['Oliver', 'O\u0301scar', 'Ozzy'],
    ],
    ['numbers by value', ['Group 10', 'Group 2', 'Group 1'], ['Group 1', 'Group 2', 'Group 10']],
    ['names equal but for case, by their exact text', ['anna', 'Anna', 'ANNA'], ['ANNA', 'Anna', 'anna']],
  ])('%s', (_label, names, expected) => {
    expect(sorted(names)).toEqual(expected);
  });

  it('the same name twice is ordered by id', () => {
    const list = [
      { name: 'Family Support', id: 'b' },
      { name: 'Family Support', id: 'a' },
    ].sort(alphabetically);
    expect(list.map((x) => x.id)).toEqual(['a', 'b']);
  });
});
