// Profiles for bench/web-editor.ts: a learned-size profile (65 indicators,
// 6,000 table entries, like the builder's output the issue measured), one
// table of 100,000 entries (the language's limit), and the baseline: one
// table indicator of 10 entries. Deterministic: the same documents every run.

const FIELDS = ["consignee.id", "shipper.id", "notify.id", "forwarder.id", "declarant.id"] as const;

function table(code: string, key: string, entries: number, seed: number) {
  const out: Record<string, number> = {};
  for (let i = 0; i < entries; i += 1) out[`${code}-${(seed * 100_003 + i).toString(36).toUpperCase()}`] = Math.round(((i * 37 + seed * 11) % 400) - 100) / 10;
  return { code, label: `Learned points by ${key}`, table: { key: [key], entries: out, default: 0 } };
}

function rule(i: number) {
  return { code: `RULE_${String(i).padStart(2, "0")}`, label: `Rule indicator ${i}`, points: 5 + (i % 20), when: { op: "hsPrefix", prefixes: [String(1000 + i * 7).slice(0, 4)] } };
}

const doc = (code: string, indicators: unknown[]) => ({
  language: "portcullis/profile@1",
  code,
  name: `Bench profile ${code}`,
  target: { kind: "revenue" },
  rationale: "Generated for the editor benchmark.",
  thresholds: { high: 60, medium: 40, low: 20 },
  randomRate: 0,
  indicators,
});

/** 60 rule indicators and 5 tables of 1,200 entries: 65 indicators, 6,000 entries. */
export const learnedSizeProfile = () =>
  doc("BENCH-LEARNED", [...Array.from({ length: 60 }, (_, i) => rule(i)), ...FIELDS.map((field, t) => table(`TABLE_${t}`, field, 1_200, t + 1))]);

/** One table of 100,000 entries. */
export const hugeTableProfile = () => doc("BENCH-HUGE", [table("HUGE_TABLE", "consignee.id", 100_000, 9)]);

/** The baseline: one table indicator of 10 entries. */
export const smallProfile = () => doc("BENCH-SMALL", [table("SMALL_TABLE", "consignee.id", 10, 7)]);
