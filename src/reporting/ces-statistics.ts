/** Inclusive band of scale values. */
export type Band = readonly [number, number];

export interface CesStatistics {
  n: number;
  /** Share of low-effort answers minus share of high-effort answers, times 100, from -100 to 100. */
  net: number | null;
  /** Mean score with one decimal, or null with no answers. */
  mean: number | null;
  /** Count per scale value, every value of the scale present. */
  distribution: Record<string, number>;
}

/**
 * Computes the net CES and mean from counts per scale value. Higher net means less effort on
 * either scale, because the bands say which end is low effort.
 */
export function computeCesStatistics(options: {
  counts: Record<string, number>;
  scale: Band;
  lowEffort: Band;
  highEffort: Band;
}): CesStatistics {
  const distribution: Record<string, number> = {};
  let n = 0;
  let sum = 0;
  let low = 0;
  let high = 0;
  for (let value = options.scale[0]; value <= options.scale[1]; value++) {
    const count = options.counts[String(value)] ?? 0;
    distribution[String(value)] = count;
    n += count;
    sum += count * value;
    if (inBand(value, options.lowEffort)) low += count;
    if (inBand(value, options.highEffort)) high += count;
  }

  if (n === 0) return { n, net: null, mean: null, distribution };
  return {
    n,
    net: Math.round(((low - high) / n) * 100),
    mean: Math.round((sum / n) * 10) / 10,
    distribution,
  };
}

function inBand(value: number, band: Band): boolean {
  return value >= band[0] && value <= band[1];
}
