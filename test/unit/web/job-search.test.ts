// A long job's screen keeps the job shown in its URL (?build=, ?import=,
// ?backtest=, ?comparison=<job id>), so Back, a reload and a shared link show
// the same job; anything but a job id reads as no job, and the plain screen
// keeps a plain URL.
import { describe, expect, test } from "vitest";
import { BACKTEST_SEARCH, BUILD_SEARCH, IMPORT_SEARCH, withJob } from "../../../web/src/job-search.js";

const ID = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";
const OTHER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

describe("the build screen's URL", () => {
  test("a build's link reads back to the same build", () => {
    expect(withJob("", "build", ID)).toBe(`?build=${ID}`);
    expect(BUILD_SEARCH.parse(new URLSearchParams(withJob("", "build", ID)))).toEqual({ build: ID });
    expect(BUILD_SEARCH.parse(new URLSearchParams(`build=${ID.toUpperCase()}`))).toEqual({ build: ID });
  });

  test("no build, or anything but a job id, is the plain screen with a plain URL", () => {
    for (const search of ["", "build=", "build=123", `build=${ID}x`, "build=../profiles"]) expect(BUILD_SEARCH.parse(new URLSearchParams(search)), search).toEqual({ build: "" });
    expect(BUILD_SEARCH.write({ build: "" }).toString()).toBe("");
  });
});

describe("the other jobs' URLs", () => {
  test("the history screen's build and import are each their card's own, the other kept", () => {
    const both = new URLSearchParams(`build=${ID}&import=${OTHER}`);
    expect(BUILD_SEARCH.parse(both)).toEqual({ build: ID });
    expect(IMPORT_SEARCH.parse(both)).toEqual({ import: OTHER });
    expect(IMPORT_SEARCH.write({ import: OTHER }).toString()).toBe(`import=${OTHER}`);
    expect(IMPORT_SEARCH.keep).toEqual(["build"]);
    expect(IMPORT_SEARCH.parse(new URLSearchParams("import=nope"))).toEqual({ import: "" });
    expect(withJob(`?import=${OTHER}`, "build", ID)).toBe(`?import=${OTHER}&build=${ID}`);
    expect(withJob(`?import=${OTHER}&build=${OTHER}`, "build", ID)).toBe(`?import=${OTHER}&build=${ID}`);
  });

  test("a version's back-test and comparison, in one order, each read alone", () => {
    expect(BACKTEST_SEARCH.parse(new URLSearchParams(`comparison=${OTHER}&backtest=${ID.toUpperCase()}`))).toEqual({ backtest: ID, comparison: OTHER });
    expect(BACKTEST_SEARCH.parse(new URLSearchParams(`comparison=x`))).toEqual({ backtest: "", comparison: "" });
    expect(BACKTEST_SEARCH.write({ backtest: ID, comparison: OTHER }).toString()).toBe(`backtest=${ID}&comparison=${OTHER}`);
    expect(BACKTEST_SEARCH.write({ backtest: "", comparison: OTHER }).toString()).toBe(`comparison=${OTHER}`);
  });
});
