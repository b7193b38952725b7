import mongoose from 'mongoose';

import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { moveInRollup } from '../reporting/rollups';
import { AnswerModel } from '../storage/models';
import { effortBand, scaleRange, type EffortBand } from '../surveys/scales';
import type { Survey } from '../surveys/schema';
import type { CesStep } from '../surveys/steps';
import { writeAudit } from './audit-entry';

export interface RectifiedScore {
  answerId: string;
  surveyId: string;
  previousScore: number;
  score: number;
  band: EffortBand;
}

export interface RectifyOptions {
  answerId: string;
  score: number;
  surveys: ReadonlyMap<string, Survey>;
  now: Date;
}

/** Concurrent rectifications of one answer are rare; three attempts absorb them. */
const MAX_ATTEMPTS = 3;

/**
 * Sets the CES score of a stored answer, with its effort band, and moves the count in the
 * survey's anonymous rollup from the old value to the new one with `$inc`. The update is guarded
 * by the old score, so two concurrent rectifications never move one count twice.
 *
 * @throws NotFoundError when the answer or its survey does not exist.
 * @throws ValidationError when the answer has no CES score or `score` is outside the scale.
 */
export async function rectifyAnswerScore(options: RectifyOptions): Promise<RectifiedScore> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const rectified = await tryRectify(options);
    if (rectified) return rectified;
  }
  throw new ConflictError(
    `answer ${options.answerId} changed during ${MAX_ATTEMPTS} attempts; retry the request`,
  );
}

async function tryRectify(options: RectifyOptions): Promise<RectifiedScore | undefined> {
  const { answerId, score } = options;
  const answer = await findAnswer(answerId);
  const step = cesStepOf(options.surveys.get(answer.surveyId), answer.surveyId);
  const previousScore = answer.score;
  if (previousScore === undefined || previousScore === null) {
    throw new ValidationError(`answer ${answerId} has no CES score to rectify`);
  }
  checkScale(step, score);

  const band = effortBand(step, score);
  const result = { answerId, surveyId: answer.surveyId, previousScore, score, band };
  if (previousScore === score) return result;

  // NOTE: FerretDB 1.24 on SQLite does not apply this guard atomically, so two concurrent
  // rectifications of one answer can both move its count there; MongoDB applies it atomically.
  const updated = await AnswerModel.updateOne(
    { _id: answer._id, score: previousScore },
    { $set: { score, band } },
  ).exec();
  if (updated.modifiedCount === 0) return undefined;

  await moveInRollup({
    surveyId: answer.surveyId,
    channel: answer.channel,
    from: previousScore,
    to: score,
    at: answer.completedAt,
  });
  await writeAudit({
    action: 'answer-rectified',
    at: options.now,
    surveyId: answer.surveyId,
    detail: { answerId, field: 'score' },
  });
  return result;
}

async function findAnswer(answerId: string) {
  const answer = mongoose.isValidObjectId(answerId)
    ? await AnswerModel.findById(answerId).lean().exec()
    : null;
  if (!answer) throw new NotFoundError(`answer ${answerId} not found`);
  return answer;
}

function cesStepOf(survey: Survey | undefined, surveyId: string): CesStep {
  if (!survey) {
    throw new NotFoundError(`survey ${surveyId} is not defined, so its CES scale is unknown`);
  }
  const step = survey.steps.find((candidate): candidate is CesStep => candidate.kind === 'ces');
  if (!step)
    throw new ValidationError(`survey ${surveyId} has no CES step, so no score to rectify`);
  return step;
}

function checkScale(step: CesStep, score: number): void {
  const [min, max] = scaleRange(step);
  if (!Number.isInteger(score) || score < min || score > max) {
    throw new ValidationError(
      `invalid score ${score}: expected a whole number from ${min} to ${max}`,
    );
  }
}
