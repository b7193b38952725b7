import { RollupModel } from '../storage/models';

/** Returns the UTC day of a time, as `YYYY-MM-DD`, which is how rollups are bucketed. */
export function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/**
 * Adds one score to the anonymous counters of its survey, day and channel. On MongoDB one upsert
 * with `$inc` is atomic, so concurrent turns never lose a count.
 * NOTE: FerretDB 1.24 with SQLite runs an update without a transaction, so concurrent increments
 * of one rollup may lose counts on the embedded database.
 */
export async function addToRollup(options: {
  surveyId: string;
  channel: string;
  score: number;
  at: Date;
}): Promise<void> {
  const day = dayOf(options.at);
  await RollupModel.updateOne(
    { _id: `${options.surveyId}:${day}:${options.channel}` },
    {
      $inc: { n: 1, sum: options.score, [`distribution.${options.score}`]: 1 },
      $setOnInsert: { surveyId: options.surveyId, day, channel: options.channel },
    },
    { upsert: true },
  ).exec();
}

/** Moves one counted score to another value, for a rectified answer. */
export async function moveInRollup(options: {
  surveyId: string;
  channel: string;
  from: number;
  to: number;
  at: Date;
}): Promise<void> {
  const day = dayOf(options.at);
  await RollupModel.updateOne(
    { _id: `${options.surveyId}:${day}:${options.channel}` },
    {
      $inc: {
        sum: options.to - options.from,
        [`distribution.${options.from}`]: -1,
        [`distribution.${options.to}`]: 1,
      },
    },
  ).exec();
}
