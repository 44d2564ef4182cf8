// Long jobs show an estimate of the time left, from the pace seen so far;
// and the KPI tiles' change says which way a figure moved and whether that is
// good news, in words the screen shows.
import { describe, expect, test } from "vitest";
import { secondsLeft } from "../../../web/src/job-time-left.js";
import { directionOf, isBetter } from "../../../web/src/kpi-data.js";
import { translator } from "../../../web/src/i18n.js";

describe("time left of a running job", () => {
  test("from the pace since the first progress seen", () => {
    // 10 % more in 20 s: the remaining 60 % takes 120 s.
    expect(secondsLeft({ at: 0, progress: 0.3 }, { at: 20_000, progress: 0.4 })).toBe(120);
  });
  test("no estimate before the job has moved, or once it is done", () => {
    expect(secondsLeft({ at: 0, progress: 0.2 }, { at: 5_000, progress: 0.2 })).toBeNull();
    expect(secondsLeft({ at: 0, progress: 0 }, { at: 500, progress: 0.1 })).toBeNull();
    expect(secondsLeft({ at: 0, progress: 0.5 }, { at: 9_000, progress: 1 })).toBeNull();
  });
  test("said with plurals in both languages", () => {
    expect(translator("en")("job.secondsLeft", { seconds: 1 })).toBe("About 1 second left.");
    expect(translator("en")("job.minutesLeft", { minutes: 3 })).toBe("About 3 minutes left.");
    expect(translator("es")("job.minutesLeft", { minutes: 1 })).toBe("Queda alrededor de 1 minuto.");
  });
});

describe("a KPI's change", () => {
  test("up, down or no change; more overdue referrals are bad news", () => {
    expect(directionOf(3)).toBe("up");
    expect(directionOf(-0.5)).toBe("down");
    expect(directionOf(0)).toBe("same");
    expect(directionOf(null)).toBeNull();
    expect(isBetter("up", true)).toBe(true);
    expect(isBetter("up", false)).toBe(false);
    expect(isBetter("same", true)).toBeNull();
  });
  test("the words, in English and Spanish", () => {
    expect(translator("en")("kpi.up", { by: "7 (25.9%)", previous: "27" })).toBe("Up 7 (25.9%) from 27 in the previous period");
    expect(translator("es")("kpi.points", { n: 1 })).toBe("1 punto porcentual");
    expect(translator("en")("kpi.commodityLine", { seizures: 1, quantity: "49.8 kg" })).toBe("1 seizure, 49.8 kg.");
  });
});
