// What the queue's voyage picker sends for what the officer typed: a date
// written as the locale writes dates becomes the day or month the server
// matches on the arrival date (day first in en-GB and es, month first in
// en-US); anything else is sent as typed. And how it names a voyage.
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { manifestSearchQuery, typedArrival, voyageLabel } from "../../../web/src/manifest-search.js";

describe("a typed arrival date", () => {
  test("numeric dates follow the locale's order; ISO days and months pass as they are", () => {
    expect(typedArrival("14/03/2026", "en-GB")).toBe("2026-03-14");
    expect(typedArrival("14.03.2026", "es")).toBe("2026-03-14");
    expect(typedArrival("3/14/2026", "en-US")).toBe("2026-03-14");
    expect(typedArrival("01/06/2026", "en-GB")).toBe("2026-06-01");
    expect(typedArrival("01/06/2026", "en-US")).toBe("2026-01-06");
    expect(typedArrival("03/2026", "es")).toBe("2026-03");
    expect(typedArrival("2026-03-14", "en-US")).toBe("2026-03-14");
    expect(typedArrival("2026-03", "es")).toBe("2026-03");
  });

  test("month names of the locale, short or long, with or without a day", () => {
    expect(typedArrival("14 Mar 2026", "en-GB")).toBe("2026-03-14");
    expect(typedArrival("Mar 14, 2026", "en-US")).toBe("2026-03-14");
    expect(typedArrival("1 June 2026", "en-GB")).toBe("2026-06-01");
    expect(typedArrival("sept 2026", "es")).toBe("2026-09");
    expect(typedArrival("14 de marzo de 2026", "es")).toBe("2026-03-14");
    expect(typedArrival("ene 2027", "es")).toBe("2027-01");
  });

  test("no real day, no year, or other text: not a date, sent as typed", () => {
    expect(typedArrival("31/02/2026", "en-GB")).toBeNull();
    expect(typedArrival("14 Mar", "en-GB")).toBeNull();
    expect(manifestSearchQuery("  msc aurora ", "en-GB")).toBe("msc aurora");
    expect(manifestSearchQuery("B1N", "es")).toBe("B1N");
    expect(manifestSearchQuery("MSCU-2026-03", "en-GB")).toBe("MSCU-2026-03");
    expect(manifestSearchQuery("14/03/2026", "es")).toBe("2026-03-14");
  });
});

test("a voyage is named by its vessel (or flight) and voyage, its reference and its arrival", () => {
  const fmt = formatters("en-GB");
  expect(voyageLabel({ manifestRef: "MSCU-NA547R", vesselName: "MSC AURORA", voyage: "B1N", flightNumber: null, arrivalDate: "2026-12-08" }, fmt)).toBe("MSC AURORA B1N · MSCU-NA547R · 8 Dec 2026");
  expect(voyageLabel({ manifestRef: "AWB-77", vesselName: null, voyage: null, flightNumber: "LH8402", arrivalDate: "2026-12-08" }, fmt)).toBe("LH8402 · AWB-77 · 8 Dec 2026");
});
