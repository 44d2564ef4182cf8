// Series colours (Okabe–Ito, safe for the common colour-vision deficiencies),
// the same in every chart and legend; "other" is the grey of a lumped series.
export const SERIES_COLOURS = ["#12365e", "#f5a623", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"] as const;
export const OTHER_COLOUR = "#8a8f98";
/** Bars below zero (points taken away). */
export const NEGATIVE_COLOUR = "#b3261e";

export const seriesColour = (index: number): string => SERIES_COLOURS[index % SERIES_COLOURS.length]!;
