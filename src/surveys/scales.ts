import type { CesStepInput, RatingStep } from './steps';

/** Inclusive range of the values a scale accepts, as `[min, max]`. */
export type ScaleRange = [min: number, max: number];

/** Inclusive band of scale values, as `[from, to]`. */
export type Band = [from: number, to: number];

/** The values counted as low and high effort when the net effort score is computed. */
export interface CesBands {
  lowEffort: Band;
  highEffort: Band;
}

/**
 * CES 2.0 asks for agreement that something was easy, so 7 is the least effort. CES 1.0 asks how
 * much effort it took, so 1 is the least effort.
 */
const CES_SCALES = {
  ces2: { range: [1, 7], bands: { lowEffort: [5, 7], highEffort: [1, 3] } },
  ces1: { range: [1, 5], bands: { lowEffort: [1, 2], highEffort: [4, 5] } },
} as const;

type CesScaleFields = Pick<CesStepInput, 'kind' | 'scale'>;
type RatingScaleFields = Pick<RatingStep, 'kind' | 'min' | 'max'>;

/** Returns the values a CES or rating step accepts; a CES step without `scale` is CES 2.0. */
export function scaleRange(step: CesScaleFields | RatingScaleFields): ScaleRange {
  if (step.kind === 'rating') return [step.min, step.max];

  return [...CES_SCALES[step.scale ?? 'ces2'].range];
}

/** Returns the step's effort bands, or the defaults of its scale when it sets none. */
export function cesBands(step: Pick<CesStepInput, 'scale' | 'bands'>): CesBands {
  const bands = step.bands ?? CES_SCALES[step.scale ?? 'ces2'].bands;
  return { lowEffort: [...bands.lowEffort], highEffort: [...bands.highEffort] };
}

/** Effort band of a CES score: the low or high end of the scale, or `neutral` between them. */
export type EffortBand = 'low' | 'neutral' | 'high';

/** Returns the effort band of a score on a CES step: inside lowEffort is low, and so on. */
export function effortBand(step: Pick<CesStepInput, 'scale' | 'bands'>, score: number): EffortBand {
  const bands = cesBands(step);
  if (score >= bands.lowEffort[0] && score <= bands.lowEffort[1]) return 'low';
  if (score >= bands.highEffort[0] && score <= bands.highEffort[1]) return 'high';
  return 'neutral';
}
