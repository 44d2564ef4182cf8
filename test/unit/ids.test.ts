import { describe, expect, test } from "vitest";
import { isUuid, uuidV7 } from "../../core/ids.js";

describe("uuidV7", () => {
  test("is a UUID of version 7 and RFC variant carrying the time in its first 48 bits", () => {
    const at = Date.UTC(2026, 10, 23, 12, 0, 0, 123);
    const id = uuidV7(at);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe("7");
    expect("89ab").toContain(id[19]);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  test("ids of later milliseconds sort after earlier ones; ids of one millisecond still differ", () => {
    const ids = [uuidV7(1_000), uuidV7(1_001), uuidV7(2_000_000_000_000)];
    expect([...ids].sort()).toEqual(ids);
    const same = new Set(Array.from({ length: 1000 }, () => uuidV7(5_000)));
    expect(same.size).toBe(1000);
  });
});
