// Turns a validated condition tree into one closure. all/any short-circuit;
// a failed branch rolls back the evidence it pushed, so the evidence shown is
// exactly what made the indicator true.
import type { Condition } from "../profile-types.js";
import { compileDomainCondition } from "./domain-conditions.js";
import type { Matcher } from "./evidence.js";
import { compileFieldCompare } from "./field-compare.js";
import { compileValueCondition } from "./value-conditions.js";

export function compileCondition(c: Condition): Matcher {
  switch (c.op) {
    case "all": {
      const parts = c.of.map(compileCondition);
      if (parts.length === 1 && parts[0] !== undefined) return parts[0];
      return (f, ev) => {
        const mark = ev.length;
        for (let i = 0; i < parts.length; i++) {
          if (!(parts[i] as Matcher)(f, ev)) {
            ev.length = mark;
            return false;
          }
        }
        return true;
      };
    }
    case "any": {
      const parts = c.of.map(compileCondition);
      if (parts.length === 1 && parts[0] !== undefined) return parts[0];
      return (f, ev) => {
        for (let i = 0; i < parts.length; i++) if ((parts[i] as Matcher)(f, ev)) return true;
        return false;
      };
    }
    case "not": {
      const inner = compileCondition(c.of);
      return (f, ev) => {
        const mark = ev.length;
        const held = inner(f, ev);
        // What made the inner condition true is not evidence for its negation.
        ev.length = mark;
        return !held;
      };
    }
    case "fieldCompare":
      return compileFieldCompare(c);
    case "routeVia":
    case "partyNew":
    case "partySeizureLinked":
    case "partyIsForwarder":
    case "valueAnomaly":
    case "weightImplausible":
    case "genericDescription":
    case "sealIssue":
      return compileDomainCondition(c);
    default:
      return compileValueCondition(c);
  }
}
