// The build screen keeps the build shown in its URL (?build=<job id>), so Back,
// a reload and a shared link show the same build; anything but a job id reads
// as no build, and the plain screen keeps a plain URL.
import { describe, expect, test } from "vitest";
import { buildSearch, buildSearchParams, parseBuildSearch } from "../../../web/src/build-search.js";

const ID = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";

describe("the build screen's URL", () => {
  test("a build's link reads back to the same build", () => {
    expect(buildSearch(ID)).toBe(`?build=${ID}`);
    expect(parseBuildSearch(new URLSearchParams(buildSearch(ID)))).toEqual({ build: ID });
    expect(parseBuildSearch(new URLSearchParams(`build=${ID.toUpperCase()}`))).toEqual({ build: ID });
  });

  test("no build, or anything but a job id, is the plain screen with a plain URL", () => {
    for (const search of ["", "build=", "build=123", `build=${ID}x`, "build=../profiles"]) expect(parseBuildSearch(new URLSearchParams(search)), search).toEqual({ build: "" });
    expect(buildSearchParams({ build: "" }).toString()).toBe("");
  });
});
