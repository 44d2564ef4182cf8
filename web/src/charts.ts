// Pure geometry for the inline SVG charts (no chart library): value → pixels.

/** The smallest "round" ceiling (1, 2, 2.5 or 5 × 10^n) at or above `max`; ratios stay within 0..1. */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * magnitude;
    if (candidate >= max - 1e-12) return Number(candidate.toPrecision(12));
  }
  return 10 * magnitude;
}

/** A linear scale from [0, domainMax] to [0, length] pixels, clamped; null and NaN map to 0. */
export function linearScale(domainMax: number, length: number): (value: number | null | undefined) => number {
  const top = domainMax > 0 ? domainMax : 1;
  return (value) => {
    if (value === null || value === undefined || Number.isNaN(value)) return 0;
    return Math.max(0, Math.min(length, (value / top) * length));
  };
}

export interface BarGroup {
  label: string;
  values: (number | null)[];
}

export interface PlacedBar {
  group: number;
  series: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number | null;
}

/**
 * Vertical grouped bars in a plot of `width` × `height`: each group gets an
 * equal slot, its bars share 80 % of it side by side; bars grow up from the
 * bottom edge.
 */
export function groupedBars(groups: readonly BarGroup[], width: number, height: number, domainMax: number): PlacedBar[] {
  if (groups.length === 0) return [];
  const scale = linearScale(domainMax, height);
  const slot = width / groups.length;
  const bars: PlacedBar[] = [];
  groups.forEach((group, g) => {
    const count = Math.max(1, group.values.length);
    const barWidth = (slot * 0.8) / count;
    group.values.forEach((value, s) => {
      const h = scale(value);
      bars.push({ group: g, series: s, x: g * slot + slot * 0.1 + s * barWidth, y: height - h, width: barWidth, height: h, value });
    });
  });
  return bars;
}

/** Evenly spaced tick values from 0 to `max` inclusive. */
export function ticks(max: number, count = 4): number[] {
  if (count < 1 || max <= 0) return [0];
  return Array.from({ length: count + 1 }, (_, i) => Number(((max * i) / count).toPrecision(12)));
}

/** "5%" → 5: the shares of a back-test result, sorted. */
export function sharesOf(byShare: Record<string, number | null> | null | undefined): { percent: number; key: string }[] {
  return Object.keys(byShare ?? {})
    .map((key) => ({ key, percent: Number.parseFloat(key) }))
    .filter((entry) => Number.isFinite(entry.percent))
    .sort((a, b) => a.percent - b.percent);
}

export interface PlacedRow {
  index: number;
  y: number;
  length: number;
  value: number | null;
}

/** Horizontal bars, one per row of `rowHeight` (bar 70 % of it), lengths on [0, max] → [0, width]. */
export function horizontalBars(values: readonly (number | null)[], width: number, rowHeight: number, max: number): PlacedRow[] {
  const scale = linearScale(max, width);
  return values.map((value, index) => ({ index, y: index * rowHeight + rowHeight * 0.15, length: scale(value), value }));
}

export interface PlacedSegment {
  group: number;
  series: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

/**
 * Vertical stacked bars in a plot of `width` × `height`: one bar per group in
 * an equal slot (70 % of it), its series stacked from the bottom edge in
 * order; a zero or missing value leaves no segment. Heights are clamped to
 * the plot.
 */
export function stackedBars(values: readonly (readonly number[])[], width: number, height: number, domainMax: number): PlacedSegment[] {
  if (values.length === 0) return [];
  const scale = linearScale(domainMax, height);
  const slot = width / values.length;
  const segments: PlacedSegment[] = [];
  values.forEach((row, g) => {
    let below = 0;
    row.forEach((value, s) => {
      if (!(value > 0)) return;
      const bottom = scale(below);
      below += value;
      const top = scale(below);
      if (top <= bottom) return;
      segments.push({ group: g, series: s, x: g * slot + slot * 0.15, y: height - top, width: slot * 0.7, height: top - bottom, value });
    });
  });
  return segments;
}

/** Label every n-th of `count` axis labels so that at most `maxLabels` show (n ≥ 1). */
export function labelStep(count: number, maxLabels: number): number {
  if (count <= 0 || maxLabels <= 0) return 1;
  return Math.max(1, Math.ceil(count / maxLabels));
}

/** Ticks for counts (0 to a niceCeiling): whole numbers where the ceiling allows, 4 or 5 intervals. */
export function countTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  if (max <= 5) return ticks(max, Number.isInteger(max) ? max : 5);
  const lead = Number((max / 10 ** Math.floor(Math.log10(max))).toPrecision(6));
  return ticks(max, lead === 2 ? 4 : 5);
}
