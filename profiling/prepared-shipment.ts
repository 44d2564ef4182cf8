// Shipments prepared once and scored many times, and a context's answers
// remembered across the shipments scored with it.
//
// The scorer's cost was hashing strings: every indicator of every shipment
// looked a party key, a port, a name or an HS code up in a Map or a Set of
// strings (first sightings, seizure links, watchlists, medians, normalised
// names, generic descriptions). Prepared, a shipment keeps what depends on it
// alone (normalised texts, parsed dates) and numbers each text it is compared
// on once, in a TextPool shared by the shipments prepared together. A
// ContextMemo then keeps the context's answer per text number, so the next
// shipment naming the same party, port or code reads an array instead of
// hashing the string again. Compiled conditions that test a value against
// written values alone (ports, codes) keep their answer per text number too.
//
// A PreparedShipment assumes its shipment is not changed after preparation.
// A ContextMemo assumes its context answers the same for the same question
// while the memo is used: make a new memo when the context changes (a new
// chunk, a new day of a back-test).
import { TextPool } from "./kept-keys.js";
import type { ScoringContext, ShipmentInput } from "./shipment.js";

export { TextPool };

/** Names of shipment facts a prepared shipment keeps ("key:consignee", "norm:goodsDescription"), numbered in the order first asked. */
const SLOTS = new Map<string, number>();

/** The index prepared shipments keep a named fact under. Names are fixed strings of the compiler: the registry stays small. */
export function prepSlot(name: string): number {
  let slot = SLOTS.get(name);
  if (slot === undefined) {
    slot = SLOTS.size;
    SLOTS.set(name, slot);
  }
  return slot;
}

/** The fewest slots a new prepared shipment makes room for; more are added when the compiler names more. */
const INITIAL_SLOTS = 16;

export class PreparedShipment {
  /** Text numbers by slot (TextPool ids), -1 until first asked. Typed and dense: slots are indexes far apart. */
  private ids: Int32Array;
  /** Other facts by slot (normalised texts, parsed dates), undefined until first asked. */
  readonly values: unknown[];
  /** The last random draw: the same (shipment id, version id) draws the same. */
  drawShipment: string | undefined = undefined;
  drawVersion: string | undefined = undefined;
  draw = 0;

  constructor(
    readonly shipment: ShipmentInput,
    readonly texts: TextPool,
  ) {
    const size = Math.max(INITIAL_SLOTS, SLOTS.size);
    this.ids = new Int32Array(size).fill(-1);
    // Filled with undefined, not left empty: writing slot 40 of an empty array would make it a slow dictionary.
    this.values = new Array<unknown>(size).fill(undefined);
  }

  /** The number of the text the shipment holds under `slot`: the same text gives the same number for every shipment of the pool. */
  textId(slot: number, text: string): number {
    if (slot >= this.ids.length) this.grow(slot);
    let id = this.ids[slot] as number;
    if (id < 0) {
      id = this.texts.idOf(text);
      this.ids[slot] = id;
    }
    return id;
  }

  /** A kept fact (see `values`), or undefined. */
  value(slot: number): unknown {
    return slot < this.values.length ? this.values[slot] : undefined;
  }

  keep(slot: number, value: unknown): void {
    if (slot >= this.values.length) this.grow(slot);
    this.values[slot] = value;
  }

  private grow(slot: number): void {
    const size = Math.max(slot + 1, this.ids.length * 2);
    const ids = new Int32Array(size).fill(-1);
    ids.set(this.ids);
    this.ids = ids;
    while (this.values.length < size) this.values.push(undefined);
  }
}

/** Answers by text number, kept dense: 0 not asked yet, 1 no, 2 yes. */
export class KeptFlags {
  private flags = new Uint8Array(256);

  get(id: number): number {
    return id < this.flags.length ? (this.flags[id] as number) : 0;
  }

  set(id: number, yes: boolean): void {
    if (id >= this.flags.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.flags.length * 2));
      grown.set(this.flags);
      this.flags = grown;
    }
    this.flags[id] = yes ? 2 : 1;
  }
}

/** Values by text number, kept dense (undefined: not asked yet). */
export class KeptValues<T> {
  private readonly values: (T | undefined)[] = [];

  get(id: number): T | undefined {
    return id < this.values.length ? this.values[id] : undefined;
  }

  set(id: number, value: T): void {
    // Pushed, never written past the end: an array with gaps becomes a slow dictionary.
    while (this.values.length <= id) this.values.push(undefined);
    this.values[id] = value;
  }
}

/** Prepares shipments that will be scored together (with one ContextMemo per context). */
export function prepareShipments(shipments: readonly ShipmentInput[], texts: TextPool = new TextPool()): PreparedShipment[] {
  return shipments.map((s) => new PreparedShipment(s, texts));
}

/** A context's answers by text number of one TextPool; see the file comment for when one may be reused. */
export class ContextMemo {
  readonly firstSeen = new KeptValues<Date | null>();
  readonly linked1 = new KeptFlags();
  readonly linked2 = new KeptFlags();
  readonly median = new KeptValues<number | null>();

  constructor(
    readonly ctx: ScoringContext,
    readonly texts: TextPool,
  ) {}
}
