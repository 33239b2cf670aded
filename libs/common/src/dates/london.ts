/** "Today" and "in the future" are judged in Europe/London (CONTRACT.md). */
const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Europe/London, as YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  return londonDate.format(now);
}

/** The Europe/London calendar date of an instant, as YYYY-MM-DD. */
export function londonDateOf(instant: Date): string {
  return londonDate.format(instant);
}
