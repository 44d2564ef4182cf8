// A first, cheap walk over the raw JSON before the schema sees it. The schema
// is recursive and checks list sizes only after visiting every element, so a
// hostile document (conditions nested 10,000 deep, a list of a million
// values) must be stopped here, with an error naming where.
import type { ErrorCollector, PathSegment } from "./error-paths.js";
import { LIMITS } from "./limits.js";

// Keys that would reach or replace Object.prototype if ever copied into a
// plain object; zod itself silently drops "__proto__" from records.
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

// A valid profile is at most ~4 + 2 × LIMITS.depth levels deep.
const MAX_JSON_DEPTH = 8 + 2 * LIMITS.depth;

interface Pending {
  value: unknown;
  path: PathSegment[];
  /** Condition nesting level, 0 when the value is not a condition. */
  conditionDepth: number;
  /** For the array of an all/any: the nesting level of its elements. */
  elementDepth: number;
  /** Index of the indicator this value belongs to, for per-indicator counts. */
  indicator: number;
}

/** Returns false when the document is too large or deep to validate further. */
export function guardRawDocument(doc: unknown, errors: ErrorCollector): boolean {
  const before = errors.count;
  const stack: Pending[] = [{ value: doc, path: [], conditionDepth: 0, elementDepth: 0, indicator: -1 }];
  const nodesPerIndicator = new Map<number, number>();
  let conditionNodes = 0;
  let visited = 0;
  let valuesAndEntries = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    if (++visited > LIMITS.rawNodes) {
      errors.add([], `document too large (more than ${LIMITS.rawNodes} values)`);
      return false;
    }
    const { value, path, conditionDepth, elementDepth, indicator } = item;
    if (value === null || typeof value !== "object") continue;
    if (path.length > MAX_JSON_DEPTH) {
      errors.add(path.slice(0, MAX_JSON_DEPTH), `nested deeper than any profile can be`);
      return false;
    }
    if (conditionDepth > 0) {
      if (conditionDepth > LIMITS.depth) {
        errors.add(path, `conditions nested deeper than ${LIMITS.depth}`);
        continue;
      }
      const n = (nodesPerIndicator.get(indicator) ?? 0) + 1;
      nodesPerIndicator.set(indicator, n);
      if (n === LIMITS.conditionNodesPerIndicator + 1) errors.add(["indicators", indicator, "when"], `more than ${LIMITS.conditionNodesPerIndicator} conditions in one indicator`);
      if (++conditionNodes === LIMITS.conditionNodesPerProfile + 1) errors.add(["indicators"], `more than ${LIMITS.conditionNodesPerProfile} conditions in the profile`);
    }
    if (Array.isArray(value)) {
      if (value.length > LIMITS.rawArrayLength) {
        errors.add(path, `too many items (${value.length}; at most ${LIMITS.rawArrayLength})`);
        continue;
      }
      valuesAndEntries += value.length;
      const isIndicatorList = path.length === 1 && path[0] === "indicators";
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i] as unknown, path: [...path, i], conditionDepth: elementDepth, elementDepth: 0, indicator: isIndicatorList ? i : indicator });
      }
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > LIMITS.tableEntries) {
      errors.add(path, `too many keys (${keys.length}; at most ${LIMITS.tableEntries})`);
      continue;
    }
    valuesAndEntries += keys.length;
    for (const key of keys) {
      if (RESERVED_KEYS.has(key)) {
        errors.add([...path, key], "reserved key");
        continue;
      }
      const child = (value as Record<string, unknown>)[key];
      let childDepth = 0;
      let childElementDepth = 0;
      if (key === "when" && path.length === 2 && path[0] === "indicators") childDepth = 1;
      // The conditions of all/any (an array) and of not (an object) sit one level down.
      else if (key === "of" && conditionDepth > 0) {
        if (Array.isArray(child)) childElementDepth = conditionDepth + 1;
        else childDepth = conditionDepth + 1;
      }
      stack.push({ value: child, path: [...path, key], conditionDepth: childDepth, elementDepth: childElementDepth, indicator });
    }
  }
  if (valuesAndEntries > LIMITS.totalValues) errors.add([], `document too large (${valuesAndEntries} list values and table entries; at most ${LIMITS.totalValues})`);
  return errors.count === before;
}
