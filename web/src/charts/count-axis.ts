// A value axis for counts (containers in a score range): whole numbers only,
// from 0 to the largest count, ticks at a round step that never pass it.
// Recharts' own ticks for a count of 3 were 0, 0.75, 1.5, 2.25 and 3, read
// "0, 1, 2, 2, 3" once formatted as whole numbers.

export interface CountAxis {
  domain: [number, number];
  ticks: number[];
}

/** At most this many ticks above 0 (the histogram beside the queue is 60 px high). */
const MAX_STEPS = 3;

/** 1, 2 or 5 times a power of ten: the smallest such whole step with at most MAX_STEPS steps up to `max`. */
function roundStep(max: number): number {
  const rough = Math.max(1, max / MAX_STEPS);
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= rough) return factor * power;
  }
  return 10 * power;
}

/** The axis for counts up to `max` (0 or more; an empty chart gets 0 to 1). */
export function countAxis(max: number): CountAxis {
  const top = Math.max(1, Math.ceil(max));
  const step = roundStep(top);
  const ticks: number[] = [];
  for (let tick = 0; tick <= top; tick += step) ticks.push(tick);
  return { domain: [0, top], ticks };
}
