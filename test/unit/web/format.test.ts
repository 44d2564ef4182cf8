import { describe, expect, test } from "vitest";
import { formatters, localDateTimeInput } from "../../../web/src/format.js";

describe("formatters (Intl)", () => {
  test("numbers, percents and money follow the locale", () => {
    const en = formatters("en-US");
    const es = formatters("es-ES");
    expect(en.number(12345.678)).toBe("12,345.68");
    expect(es.number(12345.678)).toBe("12.345,68");
    expect(en.percent(0.256)).toBe("25.6%");
    expect(es.percent(0.5)).toMatch(/^50\s?%$/);
    expect(en.money(1500, "USD")).toBe("$1,500.00");
    expect(en.number(null)).toBe("—");
    expect(en.money(10, "XXX-not-a-currency")).toBe("10 XXX-not-a-currency");
  });

  test("calendar dates show that day in any time zone; instants use the zone", () => {
    expect(formatters("en-US", "Pacific/Honolulu").date("2026-03-01")).toBe("Mar 1, 2026");
    expect(formatters("es-ES").date("2026-03-01")).toBe("1 mar 2026");
    expect(formatters("en-GB", "UTC").dateTime("2026-03-01T14:30:00Z")).toBe("1 Mar 2026, 14:30");
    expect(formatters("en").date("not a date")).toBe("—");
  });

  test("datetime-local input value", () => {
    expect(localDateTimeInput(new Date(2026, 0, 5, 9, 7))).toBe("2026-01-05T09:07");
  });
});
