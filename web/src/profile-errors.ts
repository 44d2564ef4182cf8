// The validator's errors (`indicators[1].when.values[0]: not an ISO 3166
// country code`) placed next to the form field they are about: the most
// specific path the form shows that contains the error's path.
import { OP_PARAMS } from "./profile-conditions.js";
import { THRESHOLD_KEYS, type ProfileForm } from "./profile-form.js";
import { entryPaths } from "./profile-table.js";

export interface ProfileError {
  path: string;
  message: string;
}

export interface PlacedErrors {
  /** Messages by the form path they belong to (e.g. `indicators[1].points`). */
  at: ReadonlyMap<string, string[]>;
  /** Errors about parts of the document the form does not show (language, code, unknown keys...): edited in the JSON view. */
  unplaced: ProfileError[];
  /** Every error in the validator's order with the form path it is shown at (null: only in the JSON view). */
  placements: { error: ProfileError; place: string | null }[];
  /** Keys written on more than one row of a table, by the indicator's form key (found by the editor's worker). */
  duplicates?: ReadonlyMap<string, ReadonlySet<string>>;
}

export const indicatorPath = (index: number, key?: string): string => (key ? `indicators[${index}].${key}` : `indicators[${index}]`);

/** The path of a table's key field input: `indicators[2].table.key[0]`. */
export const tableKeyPath = (index: number, field: number): string => indicatorPath(index, `table.key[${field}]`);

/** Every path the form has a place for (a table's entries each have theirs: its row). */
export function formPaths(form: ProfileForm): string[] {
  const paths = ["name", "target", "target.kind", "target.commodity", "target.fraud", "scope", "scope.units", "scope.transportModes"];
  paths.push("rationale", "validFrom", "validTo", "randomRate", "thresholds", ...THRESHOLD_KEYS.map((k) => `thresholds.${k}`), "indicators");
  form.indicators.forEach((ind, i) => {
    paths.push(indicatorPath(i), indicatorPath(i, "code"), indicatorPath(i, "label"), indicatorPath(i, "note"), indicatorPath(i, ind.table ? "table" : "points"), indicatorPath(i, "when"));
    if (ind.condition?.mode === "structured") {
      paths.push(indicatorPath(i, "when.op"), ...OP_PARAMS[ind.condition.op].map((spec) => indicatorPath(i, `when.${spec.name}`)));
    }
    if (ind.tableForm) {
      paths.push(indicatorPath(i, "table.key"), indicatorPath(i, "table.default"), indicatorPath(i, "table.entries"));
      ind.tableForm.keyFields.forEach((_, k) => paths.push(tableKeyPath(i, k)));
      for (const p of entryPaths(ind.tableForm.rows, i)) paths.push(p);
    }
  });
  return paths;
}

/**
 * The places a path is within, longest first: the path itself, then the path
 * cut before each `.` or `[` (`a.b[1]` is within `a.b` and `a`, not `a.bc`).
 */
function enclosing(path: string): string[] {
  const out = [path];
  for (let i = path.length - 1; i > 0; i--) if (path[i] === "." || path[i] === "[") out.push(path.slice(0, i));
  return out;
}

export function placeErrors(errors: readonly ProfileError[], paths: readonly string[]): PlacedErrors {
  const at = new Map<string, string[]>();
  const unplaced: ProfileError[] = [];
  const placements: PlacedErrors["placements"] = [];
  // A set, not a scan: a learned table gives the form thousands of places.
  const places = new Set(paths);
  for (const error of errors) {
    const best = enclosing(error.path).find((p) => places.has(p)) ?? null;
    placements.push({ error, place: best });
    if (best === null) {
      unplaced.push(error);
      continue;
    }
    // Below the field itself (values[2] of a list), the message says which element.
    const message = error.path === best ? error.message : `${error.path.slice(best.length).replace(/^\./, "")}: ${error.message}`;
    at.set(best, [...(at.get(best) ?? []), message]);
  }
  return { at, unplaced, placements };
}

/** The id of the input that shows a form path (for labels, aria-describedby and "go to the field"). */
export const inputId = (path: string): string => `pf-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
