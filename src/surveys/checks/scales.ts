import type { FindingList } from '../findings';
import { cesBands, scaleRange, type Band } from '../scales';
import type { Survey } from '../schema';
import type { CesStep, ChoiceStep, RatingStep, ScaleStep } from '../steps';

/**
 * Rating questions longer than 0 to 10 are hard to answer by text and do not fit a row of
 * buttons on Slack or in web chat.
 */
const MAX_RATING_VALUES = 11;

/** Checks CES bands, rating ranges, emoji maps and choice options against their scales. */
export function checkScales(survey: Survey, findings: FindingList): void {
  survey.steps.forEach((step, index) => {
    if (step.kind === 'ces') checkCesBands(step, index, findings);
    if (step.kind === 'rating') checkRatingRange(step, index, findings);
    if (step.kind === 'ces' || step.kind === 'rating') checkEmoji(step, index, findings);
    if (step.kind === 'choice') checkOptions(step, index, findings);
  });
}

function checkCesBands(step: CesStep, stepIndex: number, findings: FindingList): void {
  if (step.bands === undefined) return;

  const [min, max] = scaleRange(step);
  const { lowEffort, highEffort } = cesBands(step);
  const problems = {
    lowEffort: describeInvalidBand(lowEffort, min, max, step.scale),
    highEffort: describeInvalidBand(highEffort, min, max, step.scale),
  };
  for (const [name, problem] of Object.entries(problems)) {
    if (problem !== undefined) findings.error({ stepIndex, field: `bands.${name}` }, problem);
  }

  if (problems.lowEffort === undefined && problems.highEffort === undefined) {
    checkBandOrder(step, lowEffort, highEffort, stepIndex, findings);
  }
}

function describeInvalidBand(
  [from, to]: Band,
  min: number,
  max: number,
  scale: string,
): string | undefined {
  if (from > to) return `[${from}, ${to}] is empty; write the lower bound first`;
  if (from < min || to > max) {
    return `[${from}, ${to}] is outside the ${scale} scale (${min} to ${max})`;
  }
  return undefined;
}

/**
 * The bands must not share a value, and must sit at the right ends: on CES 2.0 a high value means
 * little effort, on CES 1.0 a low value does.
 */
function checkBandOrder(
  step: CesStep,
  low: Band,
  high: Band,
  stepIndex: number,
  findings: FindingList,
): void {
  const location = { stepIndex, field: 'bands' };
  const bands = `lowEffort [${low.join(', ')}] and highEffort [${high.join(', ')}]`;
  if (low[0] <= high[1] && high[0] <= low[1]) {
    findings.error(location, `${bands} overlap; a score can be in one band only`);
    return;
  }

  const lowEffortAbove = low[0] > high[1];
  if (step.scale === 'ces2' && !lowEffortAbove) {
    findings.error(location, `${bands} are reversed; on ces2, 7 means the least effort`);
  }
  if (step.scale === 'ces1' && lowEffortAbove) {
    findings.error(location, `${bands} are reversed; on ces1, 1 means the least effort`);
  }
}

function checkRatingRange(step: RatingStep, stepIndex: number, findings: FindingList): void {
  const count = step.max - step.min + 1;
  if (step.min >= step.max) {
    findings.error({ stepIndex, field: 'max' }, `${step.max} must be above min (${step.min})`);
  } else if (count > MAX_RATING_VALUES) {
    findings.error(
      { stepIndex, field: 'max' },
      `min ${step.min} and max ${step.max} give ${count} values; ` +
        `a rating has at most ${MAX_RATING_VALUES} (for example 0 to 10)`,
    );
  }
}

function checkEmoji(step: ScaleStep, stepIndex: number, findings: FindingList): void {
  const [min, max] = scaleRange(step);
  for (const [emoji, value] of Object.entries(step.emoji ?? {})) {
    if (value >= min && value <= max) continue;
    findings.error(
      { stepIndex, field: `emoji.${emoji}` },
      `${value} is outside the scale (${min} to ${max})`,
    );
  }
}

/** Option values and synonyms must each select one option, or a reply would be ambiguous. */
function checkOptions(step: ChoiceStep, stepIndex: number, findings: FindingList): void {
  const owners = new Map<string, number>();
  step.options.forEach((option, index) => {
    const words = [option.value, ...(option.synonyms ?? [])].map((word) => word.toLowerCase());
    for (const word of new Set(words)) {
      const owner = owners.get(word);
      if (owner === undefined) {
        owners.set(word, index);
        continue;
      }
      findings.error(
        { stepIndex, field: `options[${index}]` },
        `"${word}" already selects options[${owner}] ("${step.options[owner]?.value}"); ` +
          'each value and synonym may select one option only',
      );
    }
  });
}
