// A test of one value against written values alone (a port in a list, an
// HS prefix, a text containing a word, a pattern) answers the same for the
// same text, whichever shipment holds it. For prepared shipments
// (prepared-shipment.ts) the compiled condition keeps its answer per text
// number of their pool: the next shipment with that port or code reads an
// array instead of normalising and hashing the text again. Texts first seen
// later get new numbers and are tested then.
import type { ShipmentFacts } from "../../derived.js";
import { KeptFlags, prepSlot, type PreparedShipment, type TextPool } from "../../prepared-shipment.js";
import type { Matcher } from "./evidence.js";
import type { Getter } from "./field-access.js";

/** Elements of a list field (transshipment ports, HS codes) kept per position; further ones are tested each time. */
export const KEPT_ELEMENTS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7];

type ScalarTest = (v: string | number | boolean) => boolean;

export type KeptAnswer = (prep: PreparedShipment, slot: number, text: string) => boolean;

/** Answers of `test` by text number, for one pool at a time (scoring is synchronous; a new pool starts afresh). */
export function keptAnswers(test: (text: string) => boolean): KeptAnswer {
  let pool: TextPool | undefined;
  let answers = new KeptFlags();
  return (prep, slot, text) => {
    if (prep.texts !== pool) {
      pool = prep.texts;
      answers = new KeptFlags();
    }
    const id = prep.textId(slot, text);
    const known = answers.get(id);
    if (known !== 0) return known === 2;
    const found = test(text);
    answers.set(id, found);
    return found;
  };
}

/**
 * anyElement (value-conditions.ts) with kept answers for text values of a
 * prepared shipment: the same matches and evidence. `plain` is anyElement
 * over the same field, getter and test, used for everything else.
 */
export function anyElementKept(field: string, get: Getter, test: ScalarTest, plain: Matcher): Matcher {
  const scalarSlot = prepSlot(`field:${field}`);
  const elementSlots = KEPT_ELEMENTS.map((i) => prepSlot(`field:${field}#${i}`));
  const answer = keptAnswers(test);
  return (f: ShipmentFacts, ev) => {
    const prep = f.prep;
    if (prep === undefined) return plain(f, ev);
    const v = get(f);
    if (typeof v === "string") {
      if (!answer(prep, scalarSlot, v)) return false;
      ev.push(field, v);
      return true;
    }
    if (v === null || typeof v !== "object") return plain(f, ev);
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as string;
      const slot = elementSlots[i];
      if (slot === undefined ? test(x) : answer(prep, slot, x)) {
        ev.push(field, x);
        return true;
      }
    }
    return false;
  };
}
