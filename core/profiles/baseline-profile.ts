// The built-in baseline profile every unit starts with (fixtures/profiles/baseline.json).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const BASELINE = fileURLToPath(new URL("../../fixtures/profiles/baseline.json", import.meta.url));

export async function loadBaselineProfile(): Promise<unknown> {
  return JSON.parse(await readFile(BASELINE, "utf8")) as unknown;
}
