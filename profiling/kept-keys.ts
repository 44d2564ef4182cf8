// Table keys kept between back-test runs over the same records. A record's
// normalised key text for a key path depends on the shipment alone, so the
// first run reads it and later runs find it. Each distinct text of a path is
// numbered once per history (a pool per path), and a record keeps numbers:
// a compiled table then answers a number from an array it fills once per
// distinct text, instead of hashing the text into its entries for every
// record (65 tables of thousands of entries over 50,000 records made those
// look-ups the largest cost of a warm back-test).

/** Key paths ("consignee.name", "hs:4\u0000countryOfOrigin") numbered in the order first compiled. */
const SLOTS = new Map<string, number>();

/** The slot of a key path: the index records and stores use for it. */
export function keySlot(path: string): number {
  let slot = SLOTS.get(path);
  if (slot === undefined) {
    slot = SLOTS.size;
    SLOTS.set(path, slot);
  }
  return slot;
}

/** The distinct texts of one key path, numbered from 0. */
export class TextPool {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.ids.set(text, id);
    }
    return id;
  }
}

/** The pools of one history's records, by slot. */
export class KeptKeyStore {
  private readonly pools: TextPool[] = [];

  pool(slot: number): TextPool {
    let pool = this.pools[slot];
    if (pool === undefined) {
      pool = new TextPool();
      this.pools[slot] = pool;
    }
    return pool;
  }
}

/** NO_KEY: the record has no text for the path (a part is missing). */
export const NO_KEY = -1;

/** One record's kept keys: by slot, the text's number in the store's pool, NO_KEY, or undefined (not read yet). */
export class KeptKeys {
  readonly ids: (number | undefined)[] = [];
  constructor(readonly store: KeptKeyStore) {}
}
