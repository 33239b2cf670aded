/** The shortest safeguarding justification the API accepts, in characters a reader sees. */
export const SAFEGUARDING_MIN = 20;

const clusters = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** Characters that show as nothing: format characters (zero-width, joiners) and blank fillers. */
const unseen = /[\p{Cf}\u2800\u115f\u1160\u3164\uffa0]/gu;

/**
 * Whether a justification is long enough as the API counts it: by the characters a reader sees
 * (a letter with its accents is one; marks and zero-width characters alone are none), after
 * trimming, so the form never sends one the API is bound to refuse.
 */
export function justificationLongEnough(text: string): boolean {
  let seen = 0;
  for (const { segment } of clusters.segment(text.trim())) {
    const shown = segment.replace(unseen, '');
    if (shown !== '' && !/^\p{M}+$/u.test(shown)) seen++;
  }
  return seen >= SAFEGUARDING_MIN;
}
