// Synthetic rows in the customs-declarations format (shared/data/customs-declarations)
// for import, build and CLI tests: deterministic, with patterns a test can plant.
export const DECLARATION_HEADER = [
  "Declaration ID", "Date", "Office ID", "Process Type", "Import Type", "Import Use", "Payment Type", "Mode of Transport",
  "Declarant ID", "Importer ID", "Seller ID", "Courier ID", "HS6 Code", "Country of Departure", "Country of Origin",
  "Tax Rate", "Tax Type", "Country of Origin Indicator", "Net Mass", "Item Price", "Fraud", "Critical Fraud",
];

export interface DeclarationSpec {
  id: string;
  date: string;
  importer?: string;
  declarant?: string;
  hs?: string;
  netMass?: string;
  price?: string;
  fraud?: 0 | 1;
  critical?: 0 | 1 | 2;
}

/** One CSV line (no newline); `withLabels: false` drops Fraud and Critical Fraud. */
export function declarationLine(spec: DeclarationSpec, withLabels = true): string {
  const fraud = spec.fraud ?? 0;
  const cells = [
    spec.id, spec.date, "30", "B", "11", "21", "11", "10", spec.declarant ?? "DECL001", spec.importer ?? "IMP0001", "SELL001", "",
    spec.hs ?? "440890", "CN", "CN", "8.0", "A", "G", spec.netMass ?? "108.0", spec.price ?? "372254.4",
  ];
  if (withLabels) cells.push(String(fraud), String(spec.critical ?? (fraud ? 1 : 0)));
  return cells.join(",");
}

export function declarationsCsv(specs: readonly DeclarationSpec[], withLabels = true): string {
  const header = withLabels ? DECLARATION_HEADER : DECLARATION_HEADER.slice(0, 20);
  return [header.join(","), ...specs.map((s) => declarationLine(s, withLabels))].join("\n") + "\n";
}

/** Deterministic pseudo-random numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Day `n` of 2020 as YYYY-MM-DD. */
export const day2020 = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);

/**
 * A labelled year: importer BADCO01 is caught 9 times in 10, the rest once
 * in 10; LATECO9 appears only from `lateFrom` (day of 2020) on, always caught.
 */
export function plantedHistory(count: number, lateFrom = 300): DeclarationSpec[] {
  const random = seeded(42);
  const specs: DeclarationSpec[] = [];
  for (let i = 0; i < count; i += 1) {
    const d = Math.floor((i / count) * 366);
    const bad = i % 10 === 0;
    const late = d >= lateFrom && i % 10 === 5;
    const importer = bad ? "BADCO01" : late ? "LATECO9" : `IMP${String(Math.floor(random() * 200)).padStart(4, "0")}`;
    const fraud = bad ? (random() < 0.9 ? 1 : 0) : late ? 1 : random() < 0.1 ? 1 : 0;
    specs.push({
      id: String(10_000_000 + i),
      date: day2020(d),
      importer,
      declarant: `DECL${String(Math.floor(random() * 50)).padStart(3, "0")}`,
      hs: ["440890", "690722", "851712", "610910"][Math.floor(random() * 4)],
      netMass: (10 + Math.floor(random() * 5000)).toFixed(1),
      price: (1000 + Math.floor(random() * 900_000)).toFixed(1),
      fraud,
    });
  }
  return specs;
}
