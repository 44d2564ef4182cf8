// The interface catalogue: English and Spanish have the same keys and the
// same {placeholders}, and every key the screens use exists.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { catalogue, pickLanguage, translator } from "../../../web/src/i18n.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n catalogue", () => {
  test("en and es have exactly the same keys, none empty", () => {
    expect(Object.keys(catalogue.es).sort()).toEqual(Object.keys(catalogue.en).sort());
    for (const [language, table] of Object.entries(catalogue)) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), `${language} ${key}`).not.toBe("");
    }
  });

  test("placeholders match between languages", () => {
    for (const key of Object.keys(catalogue.en) as (keyof typeof catalogue.en)[]) {
      expect(placeholders(catalogue.es[key]), key).toEqual(placeholders(catalogue.en[key]));
    }
  });

  test("every literal t(\"...\") key in the web sources is in the catalogue", () => {
    const root = path.resolve(import.meta.dirname, "../../../web/src");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
    const used = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(path.join(root, file), "utf8").matchAll(/\bt\("([\w.]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !(key in catalogue.en))).toEqual([]);
  });

  test("translator interpolates and falls back to the key", () => {
    const es = translator("es");
    expect(es("queue.title", { unit: "ECGYE" })).toBe("Contenedores señalados — ECGYE");
    expect(translator("en")("dashboard.totalSeizures", { n: "1,234" })).toBe("1,234 seizures");
    expect(es("no.such.key")).toBe("no.such.key");
  });

  test("the browser's languages pick the interface language", () => {
    expect(pickLanguage(["es-EC", "en"])).toBe("es");
    expect(pickLanguage(["fr-FR", "en-GB"])).toBe("en");
    expect(pickLanguage(["de"])).toBe("en");
  });
});
