// Size limits of a profile document. They keep validation, compilation and
// scoring bounded whatever an analyst (or the builder, or an attacker with an
// analyst's token) submits. LANGUAGE.md states the same numbers.
export const LIMITS = {
  /** Conditions nested inside all/any/not. */
  depth: 12,
  conditionNodesPerIndicator: 2_000,
  conditionNodesPerProfile: 50_000,
  indicators: 5_000,
  childrenPerAllAny: 100,
  /** Values of in/notIn, HS prefixes, route ports. */
  setValues: 10_000,
  containsValues: 1_000,
  textValueLength: 200,
  tableEntries: 100_000,
  /** Every list value and table entry of the whole profile together. */
  totalValues: 1_000_000,
  /** Any array in the raw document (checked before the schema walks it). */
  rawArrayLength: 10_000,
  /** JSON values visited before the schema runs. */
  rawNodes: 2_000_000,
  /** Errors reported for one document; the rest are summarised. */
  errors: 100,
} as const;
