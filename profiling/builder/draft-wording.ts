// The learned draft's name and rationale in the analyst's language. They are
// stored in the profile document (the editor shows and edits them, officers
// read the rationale), so they cannot be worded later by the reader's client
// as the build report is (web/src/build-report-text.ts, whose Spanish these
// sentences repeat). English stays explain.ts's describeTraining, the text
// API clients also get as the report's summary.
import type { COMMODITIES } from "../dsl/profile-types.js";
import type { WordingFacts } from "./history-target.js";

/** Languages a draft can be written in; the web app's interface languages. */
export const DRAFT_LANGUAGES = ["en", "es"] as const;
export type DraftLanguage = (typeof DRAFT_LANGUAGES)[number];

/** What the rationale says, as data. */
export interface RationaleFacts {
  records: number;
  hits: number;
  from: string;
  to: string;
  wording: WordingFacts;
  halfLifeDays: number;
  pointsPerLogOdds: number;
  selectionWeights: Partial<Record<string, number>>;
  tunedOn: { percent: number; from: string } | null;
  currency: string | undefined;
}

type Commodity = (typeof COMMODITIES)[number];

const COMMODITY_ES: Record<Commodity, string> = {
  cocaine: "cocaína",
  heroin: "heroína",
  cannabis: "cannabis",
  opium: "opio",
  psychotropics: "psicotrópicos",
  nps: "nuevas sustancias psicoactivas",
  precursors: "precursores",
  strategic_goods: "bienes estratégicos",
  cigarettes: "cigarrillos",
  counterfeit: "falsificaciones",
  wildlife_environment: "fauna y medio ambiente",
  alcohol: "alcohol",
  vehicles: "vehículos",
  other: "otras mercancías",
};

const commodityEs = (commodity: string) => COMMODITY_ES[commodity as Commodity] ?? commodity.replace(/_/g, " ");

const number = (x: number, digits: number) => new Intl.NumberFormat("es", { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(x);
const fixed = (x: number, digits: number) => new Intl.NumberFormat("es", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

/** What the history's hits were, for the name: "incautaciones de cocaína". */
function titleEs(finding: WordingFacts["finding"]): string {
  if (finding.kind === "commodity") return finding.sharePercent === null ? `incautaciones de ${commodityEs(finding.commodity)}` : "incautaciones";
  return finding.kind === "seizure" ? "incautaciones" : "hallazgos de fraude";
}

/**
 * The draft's name: "Learned from cocaine seizures, 2025-01-01 to 2025-12-31"
 * or "Aprendido de incautaciones de cocaína, del 2025-01-01 al 2025-12-31".
 */
export function draftName(language: DraftLanguage, title: string, finding: WordingFacts["finding"], from: string, to: string): string {
  if (language === "es") return `Aprendido de ${titleEs(finding)}, del ${from} al ${to}`;
  return `Learned from ${title}, ${from} to ${to}`;
}

function recordsEs(kind: WordingFacts["records"], n: number): string {
  const one = n === 1;
  const shown = number(n, 0);
  if (kind === "containers") return `${shown} ${one ? "contenedor inspeccionado" : "contenedores inspeccionados"}`;
  if (kind === "airWaybills") return `${shown} ${one ? "conocimiento aéreo inspeccionado" : "conocimientos aéreos inspeccionados"}`;
  if (kind === "declarations") return `${shown} ${one ? "declaración inspeccionada" : "declaraciones inspeccionadas"}`;
  return `${shown} ${one ? "registro inspeccionado" : "registros inspeccionados"}`;
}

function foundEs(finding: WordingFacts["finding"], n: number): string {
  const one = n === 1;
  if (finding.kind === "commodity") return `${one ? "halló" : "hallaron"} ${commodityEs(finding.commodity)}`;
  if (finding.kind === "seizure") return one ? "dio lugar a una incautación" : "dieron lugar a una incautación";
  return one ? "halló fraude" : "hallaron fraude";
}

function hitsNounEs(finding: WordingFacts["finding"]): string {
  if (finding.kind === "commodity") {
    const commodity = commodityEs(finding.commodity);
    return finding.sharePercent === null ? `incautación de ${commodity}` : `incautación (${number(finding.sharePercent, 0)} % de ${commodity})`;
  }
  return finding.kind === "seizure" ? "incautación" : "hallazgo de fraude";
}

/** The rationale in Spanish: the paragraph describeTraining writes in English, sentence for sentence. */
export function rationaleEs(f: RationaleFacts): string {
  const rate = f.records === 0 ? 0 : (100 * f.hits) / f.records;
  const days = f.halfLifeDays;
  const decay = Number.isFinite(days) && days > 0
    ? `las inspecciones más antiguas cuentan la mitad cada ${number(days, 1)} ${days === 1 ? "día" : "días"}`
    : "todas las inspecciones cuentan lo mismo";
  const sentences = [`Aprendido de ${recordsEs(f.wording.records, f.records)} (del ${f.from} al ${f.to}): ${number(f.hits, 0)} ${foundEs(f.wording.finding, f.hits)} (${fixed(rate, 1)} %); ${decay}.`];
  const parts: string[] = [];
  const { random, intelligence } = f.selectionWeights;
  if (random !== undefined && random !== 1) parts.push(`las selecciones aleatorias, la única muestra sin sesgo de todas las llegadas, cuentan ${number(random, 1)}×`);
  if (intelligence !== undefined && intelligence !== 1) parts.push(`las inspecciones por inteligencia, elegidas con información que el manifiesto no lleva, cuentan ${number(intelligence, 1)}×`);
  sentences.push(
    parts.length === 0
      ? "Todas las inspecciones cuentan lo mismo: el historial no tiene selecciones aleatorias con las que corregir cómo se eligieron los contenedores."
      : `Las inspecciones se eligieron sobre todo con las reglas anteriores, así que el historial sobrerrepresenta lo que ellas miraban: ${parts.join("; ")}; las cifras de las selecciones aleatorias solas se dan aparte.`,
  );
  if (f.tunedOn) sentences.push(`El decaimiento y la contracción se eligieron con el ${number(f.tunedOn.percent, 0)} % más reciente de las inspecciones (desde el ${f.tunedOn.from}), ajustando con las anteriores.`);
  if (f.currency) sentences.push(`Los importes se comparan en ${f.currency}, la moneda de la mayoría de los valores declarados.`);
  const points = number(f.pointsPerLogOdds, 2);
  sentences.push(`Cada punto es 1/${points} de una unidad de log-odds: un indicador que vale +${points} puntos multiplica las probabilidades de ${hitsNounEs(f.wording.finding)} por unas ${number(Math.E, 1)}, a igualdad de lo demás.`);
  sentences.push("Los valores poco vistos se acercan a la tasa general, así que un valor visto una vez gana muchos menos puntos que uno visto a menudo con la misma tasa, y ningún valor visto menos de tres veces recibe puntos propios.");
  return sentences.join(" ").slice(0, 2_000);
}
