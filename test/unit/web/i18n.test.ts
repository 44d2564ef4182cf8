// The interface catalogue: English and Spanish have the same keys, every ICU
// message parses and uses the same arguments in both languages, and every key
// the screens use exists.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import IntlMessageFormat from "intl-messageformat";
import { describe, expect, test } from "vitest";
import { catalogue, pickLanguage, translator, type MessageKey } from "../../../web/src/i18n.js";

/** The argument names of a parsed message, sorted (plural/select arguments included). */
function argumentsOf(language: string, text: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const el of elements as { type: number; value?: unknown; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      // Types 1..6 are argument, number, date, time, select, plural (icu-messageformat-parser's TYPE enum).
      if (el.type >= 1 && el.type <= 6 && typeof el.value === "string") names.add(el.value);
      if (el.options) for (const option of Object.values(el.options)) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(text, language).getAst());
  return [...names].sort();
}

describe("i18n catalogue", () => {
  test("en and es have exactly the same keys, none empty", () => {
    expect(Object.keys(catalogue.es).sort()).toEqual(Object.keys(catalogue.en).sort());
    for (const [language, table] of Object.entries(catalogue)) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), `${language} ${key}`).not.toBe("");
    }
  });

  test("every message parses as ICU and both languages take the same arguments", () => {
    for (const key of Object.keys(catalogue.en) as MessageKey[]) {
      expect(argumentsOf("es", catalogue.es[key]), key).toEqual(argumentsOf("en", catalogue.en[key]));
    }
  });

  test("every literal t(\"...\") key in the web sources is in the catalogue", () => {
    const root = path.resolve(import.meta.dirname, "../../../web/src");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f) && !f.startsWith("messages"));
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
    // @ts-expect-error -- a key outside the catalogue (an old stored text) still shows, as itself
    expect(es("no.such.key")).toBe("no.such.key");
  });

  test("counts take the language's plural form and its digit grouping", () => {
    const en = translator("en");
    const es = translator("es");
    expect(en("dashboard.totalSeizures", { n: 1 })).toBe("1 seizure");
    expect(en("dashboard.totalSeizures", { n: 0 })).toBe("0 seizures");
    expect(en("dashboard.totalSeizures", { n: 12345 })).toBe("12,345 seizures");
    expect(es("dashboard.totalSeizures", { n: 1 })).toBe("1 incautación");
    expect(es("dashboard.totalSeizures", { n: 12345 })).toBe("12.345 incautaciones");
    expect(es("watchlist.shown", { shown: 1, total: 1 })).toBe("Se muestran 1 de 1 entrada");
    expect(es("dry.sampleHeadline", { n: 1, selected: 1, share: "100 %" })).toBe("Sobre 1 envío reciente: 1 por encima del umbral del perfil (100 %).");
    expect(en("trend.captionMonth", { n: 2 })).toBe("2 seizures, counted in the month they were made.");
  });

  test("the browser's languages pick the interface language", () => {
    expect(pickLanguage(["es-EC", "en"])).toBe("es");
    expect(pickLanguage(["fr-FR", "en-GB"])).toBe("en");
    expect(pickLanguage(["de"])).toBe("en");
  });
});
