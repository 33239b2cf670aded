import type { WellbeingInstrument } from '../gql/graphql';

/** The real item wording of the two wellbeing instruments the API accepts (CONTRACT.md section 6). */
export const SWEMWBS_ITEMS = [
  "I've been feeling optimistic about the future",
  "I've been feeling useful",
  "I've been feeling relaxed",
  "I've been dealing with problems well",
  "I've been thinking clearly",
  "I've been feeling close to other people",
  "I've been able to make up my own mind about things",
] as const;

export const SWEMWBS_SCALE = [
  { value: '1', label: 'None of the time' },
  { value: '2', label: 'Rarely' },
  { value: '3', label: 'Some of the time' },
  { value: '4', label: 'Often' },
  { value: '5', label: 'All of the time' },
];

export const ONS4_ITEMS = [
  'Overall, how satisfied are you with your life nowadays?',
  'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
  'Overall, how happy did you feel yesterday?',
  'Overall, how anxious did you feel yesterday?',
] as const;

export const ONS4_SCALE = Array.from({ length: 11 }, (_, i) => ({
  value: String(i),
  label: i === 0 ? '0 (not at all)' : i === 10 ? '10 (completely)' : String(i),
}));

export function itemsOf(instrument: WellbeingInstrument): readonly string[] {
  return instrument === 'SWEMWBS' ? SWEMWBS_ITEMS : ONS4_ITEMS;
}

/** The responses as integers once every item is answered, else the 1-based numbers of the unanswered items. */
export function collectResponses(
  instrument: WellbeingInstrument,
  answers: Record<number, string>,
): { responses: number[] } | { missing: number[] } {
  const items = itemsOf(instrument);
  const missing = items.map((_, i) => i).filter((i) => answers[i] === undefined || answers[i] === '');
  if (missing.length) return { missing: missing.map((i) => i + 1) };
  return { responses: items.map((_, i) => Number(answers[i])) };
}
