/** Milliseconds in a retention day. Terms count whole 24-hour days, ignoring daylight saving. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns the moment `days` after `from`. */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** Returns the moment `days` before `now`: data older than this has passed its term. */
export function cutoffFor(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
