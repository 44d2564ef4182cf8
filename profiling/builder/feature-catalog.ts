// The candidate indicators the builder may learn, each written in the profile
// language so that what it fits is exactly what the scorer evaluates:
//   table   one table indicator (points per key value, optionally under a condition)
//   bins    one rule indicator per numeric band (half-open ranges)
//   values  one rule per element of a list field (each transshipment port...)
//   flag    one rule indicator for a condition (generic description, new party...)
// No candidate is keyed on an exact amount or weight: a new shipment never
// repeats an old one's, so such entries only memorise.
import type { Condition } from "../dsl/profile-types.js";

interface GroupBase {
  /** Indicator code (or code prefix) in the emitted profile. */
  code: string;
  /** Label shown to the officer. */
  label: string;
  /** How the explanation names one value ("Consignee", "HS heading x origin"). */
  noun: string;
  /** Multiplies the base L2 penalty: > 1 trusts this group's values less. */
  penalty?: number;
  /**
   * Log-odds the indicator starts from before the unit's evidence: set only
   * for indicators the domain brief names as risk (a seal issue, a new
   * party, a link to a past seizure...). With little evidence the points stay
   * near it; with much evidence the data decides.
   */
  prior?: number;
}

export interface TableGroupSpec extends GroupBase {
  kind: "table";
  /** Profile key paths (LANGUAGE.md, `table.key`). */
  key: readonly string[];
  /** The table applies only where this holds (emitted as the indicator's `when`). */
  when?: Condition;
  /** Values seen in fewer labelled records share the table `default`. */
  minCount?: number;
  /** As for flags: rows this many days from the history's start read as missing (the `when` is about novelty). */
  warmupDays?: number;
}

export interface BinsGroupSpec extends GroupBase {
  kind: "bins";
  /** Numeric profile path, e.g. `derived.valuePerKgRatio`. */
  field: string;
  /** Number of quantile bands cut from the build history. */
  bins: number;
  /** Unit shown in labels ("kg", "x median"); `currency` for amounts in the history's currency. */
  unit?: string;
  /** Amounts: bands apply to this currency only (the history's own), named in the label. */
  currency?: string;
}

export interface ValuesGroupSpec extends GroupBase {
  kind: "values";
  /** A list field (`transshipmentPorts`, `derived.routeCountries`): one rule per element value. */
  field: string;
  minCount?: number;
}

export interface FlagGroupSpec extends GroupBase {
  kind: "flag";
  when: Condition;
  /**
   * Days from the start of the history during which the flag is unknown:
   * "first seen within 90 days" is true of every party in a history's first
   * 90 days, which says nothing about the party.
   */
  warmupDays?: number;
  minCount?: number;
  /**
   * Largest share of the build records the flag may hold: a flag on most
   * boxes tells an officer nothing (a forwarder on hundreds of shipments
   * makes nearly every party "associated" with some seizure).
   */
  maxShare?: number;
}

export type FeatureGroupSpec = TableGroupSpec | BinsGroupSpec | ValuesGroupSpec | FlagGroupSpec;
