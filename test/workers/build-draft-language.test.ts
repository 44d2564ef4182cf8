// An analyst working in Spanish learns a profile from the unit's history: the
// draft stored for them is named and explained in Spanish, one working in
// English (or a client that says nothing) gets English, and the build's
// report keeps its English summary for API clients either way. The language
// comes with the build request (the web app sends its interface language);
// anything but en or es is a 400 naming the field.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAnalysisWithHistory, type AnalysisWithHistory } from "../helpers/analysis-with-history.js";
import { bearer } from "../helpers/test-users.js";

let setup: AnalysisWithHistory;

beforeAll(async () => {
  setup = await startAnalysisWithHistory({ locode: "ESALG", baseline: false, records: 1500, expensiveRateLimit: 20, jobTimeoutMs: 60_000 });
});
afterAll(async () => {
  await setup?.close();
});

/** Builds with `extra` in the request and reads back the stored draft's name and rationale with the job's result. */
async function draft(extra: object) {
  const { result } = await setup.run("/profile-builds", { from: "2020-01-01", to: "2020-12-31", evaluateFrom: "2020-10-27", ...extra });
  const stored = await setup.services.pool.query<{ definition: { name: string; rationale?: string } }>("SELECT definition FROM profile_version WHERE id = $1", [
    result.profile.versionId,
  ]);
  const definition = stored.rows[0]!.definition;
  return { name: definition.name, rationale: definition.rationale ?? "", result };
}

test("language es: the draft's name and rationale are Spanish; the report's summary stays English", async () => {
  const es = await draft({ language: "es", code: "LEARNED-ES" });
  expect(es.name).toBe("Aprendido de hallazgos de fraude, del 2020-01-01 al 2020-10-26");
  expect(es.result.profile.name).toBe(es.name);
  const h = es.result.report.history as { records: number; hits: number };
  const rate = new Intl.NumberFormat("es", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format((100 * h.hits) / h.records);
  expect(es.rationale.startsWith(`Aprendido de ${new Intl.NumberFormat("es").format(h.records)} declaraciones inspeccionadas (del 2020-01-01 al 2020-10-26): ${h.hits} hallaron fraude (${rate} %);`)).toBe(true);
  expect(es.rationale).toContain("Cada punto es 1/10 de una unidad de log-odds: un indicador que vale +10 puntos multiplica las probabilidades de hallazgo de fraude por unas 2,7");
  expect(es.rationale).toContain("ningún valor visto menos de tres veces recibe puntos propios.");
  // No English sentence left in it.
  expect(es.rationale).not.toMatch(/\b(Learned|inspections|Each point|Rarely seen|of which)\b/);
  expect(es.result.explanation).toMatch(/^Learned from \d+ inspected declarations \(2020-01-01 to 2020-10-26\)/);
});

test("language en, or none: the draft's name and rationale are English, the rationale the report's summary", async () => {
  const en = await draft({ language: "en", code: "LEARNED-EN" });
  expect(en.name).toBe("Learned from findings of fraud, 2020-01-01 to 2020-10-26");
  expect(en.rationale).toBe(en.result.explanation);
  expect(en.rationale).toMatch(/^Learned from \d+ inspected declarations \(2020-01-01 to 2020-10-26\)/);
  const unsaid = await draft({ code: "LEARNED-DEFAULT" });
  expect({ name: unsaid.name, rationale: unsaid.rationale }).toEqual({ name: en.name, rationale: en.rationale });
});

test("a name given is kept as written whatever the language; another language is a 400 naming the field", async () => {
  const named = await draft({ language: "es", code: "LEARNED-NAMED", name: "Fraude textil 2020" });
  expect(named.name).toBe("Fraude textil 2020");
  expect(named.rationale.startsWith("Aprendido de ")).toBe(true);
  const bad = await request(setup.app).post(`/v1/units/${setup.unit.code}/profile-builds`).set(bearer(setup.analyst)).send({ from: "2020-01-01", to: "2020-12-31", language: "fr" });
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([expect.objectContaining({ path: "language", message: "one of en, es" })]);
});
