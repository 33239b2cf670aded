/**
 * ONS4 personal wellbeing: 4 items scored 0–10, in the order life satisfaction, worthwhile,
 * happiness, anxiety. The items are never summed.
 */
export const ONS4_ITEMS = ['lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety'] as const;
export type Ons4Item = (typeof ONS4_ITEMS)[number];
export const ONS4_MIN = 0;
export const ONS4_MAX = 10;
