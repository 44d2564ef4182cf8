// The `manifest-jsonl` side of `profiles build` and `score`: past manifests
// with their outcomes (the unit's history), and manifests to score with a
// context as of each shipment's day, built from that history and from the
// input itself (as the live pipeline sees manifests arrive).
import { createReadStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { sightingsOf, walkHistory, type Sighting } from "../profiling/builder/history-context.js";
import { ValueMedians } from "../profiling/builder/value-medians.js";
import { checkHistorySummary, continueFrom, summariseHistory, type HistorySummary } from "../profiling/builder/history-summary.js";
import type { CompiledProfile } from "../profiling/dsl/compile.js";
import type { Condition, Indicator } from "../profiling/dsl/profile-types.js";
import type { ScoreResult } from "../profiling/dsl/compile.js";
import type { ShipmentInput } from "../profiling/shipment.js";
import { addToBuilderHistory, type BuilderHistory } from "../core/history/builder-records.js";
import type { HistoryRow } from "../core/history/history-row.js";
import { readHistoryLines } from "../core/history/read-history-lines.js";
import { EmptyFileError } from "../core/history/read-records.js";
import { CliError } from "./cli-args.js";

export interface Rejections {
  reject(where: string, reasons: readonly string[]): void;
}

/** Reads one manifest-jsonl file, row by row; returns the lines read (the caller drops repeats by id). */
export async function readManifestHistory(flag: string, path: string, rejected: Rejections, onRow: (row: HistoryRow) => void, onRejected?: (line: number, ref: string | undefined) => void): Promise<number> {
  const stream = createReadStream(path);
  const failed = new Promise<never>((_resolve, reject) => {
    stream.once("error", (error) => reject(new CliError(`--${flag}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
  });
  failed.catch(() => undefined);
  let rows = 0;
  const consume = async () => {
    for await (const result of readHistoryLines(stream)) {
      rows += 1;
      if (result.ok) onRow(result.row);
      else {
        rejected.reject(`${path} line ${result.line}${result.externalRef ? ` (${result.externalRef})` : ""}`, result.reasons);
        onRejected?.(result.line, result.externalRef);
      }
    }
  };
  await Promise.race([consume(), failed]).catch((error: unknown) => {
    if (error instanceof EmptyFileError) throw new CliError(`--${flag} ${path}: ${error.message}`);
    throw error;
  });
  return rows;
}

/** The history files of a build: inspected records and context shipments, first of each id kept (as the import does). */
export async function readBuildHistory(paths: readonly string[], rejected: Rejections): Promise<BuilderHistory & { duplicates: number }> {
  const history: BuilderHistory = { records: [], unlabelled: [] };
  const seen = new Set<string>();
  let duplicates = 0;
  for (const path of paths) {
    await readManifestHistory("history", path, rejected, (row) => {
      if (seen.has(row.externalRef)) {
        duplicates += 1;
        return;
      }
      seen.add(row.externalRef);
      addToBuilderHistory(history, row);
    });
  }
  return { ...history, duplicates };
}

const CONTEXT_OPS = new Set<Condition["op"]>(["partyNew", "partySeizureLinked", "valueAnomaly"]);

function usesContext(c: Condition | undefined): boolean {
  if (c === undefined) return false;
  if (CONTEXT_OPS.has(c.op)) return true;
  if ("field" in c && c.field === "derived.valuePerKgRatio") return true;
  if (c.op === "all" || c.op === "any") return c.of.some(usesContext);
  if (c.op === "not") return usesContext(c.of);
  return false;
}

/** Whether the profile's points depend on the unit's history (new parties, seizure links, value medians). */
export function needsHistory(indicators: readonly Indicator[]): boolean {
  return indicators.some((i) => usesContext(i.when));
}

export interface ScoredRow {
  id: string;
  result: ScoreResult;
}

/**
 * Scores the input shipments in input order, each with the context of its
 * day: history seizures known from the day after, parties first seen in the
 * history or earlier in the input, value medians over both. The input's own
 * outcomes are never read: what is being scored cannot know them.
 */
export function scoreWithHistory(
  compiled: CompiledProfile,
  history: BuilderHistory | HistorySummary,
  input: readonly { id: string; shipment: ShipmentInput; date: string }[],
  versionId: string,
): ScoredRow[] {
  const own = sightingsOf([], input);
  const summary = "format" in history ? history : undefined;
  const earlier = "format" in history ? [] : sightingsOf(history.records, history.unlabelled);
  const sightings = [...own, ...earlier];
  const out = new Array<ScoredRow>(input.length);
  walkHistory(sightings, (s, i, ctx) => {
    if (i >= input.length) return;
    const id = input[i]!.id;
    out[i] = { id, result: compiled.score(s.shipment, ctx, { shipmentId: id, versionId }) };
  }, summary !== undefined ? continueFrom(summary, own) : { medians: historyMedians(earlier, own) });
  return out;
}

/**
 * Medians are the history's, the reference a later file is judged against
 * (the input's own only for goods the history never priced): the same with
 * the history at hand or its summary.
 */
function historyMedians(history: readonly Sighting[], input: readonly Sighting[]): ValueMedians {
  return ValueMedians.fromEntries(ValueMedians.of(history.map((s) => s.shipment)).entries(), ValueMedians.of(input.map((s) => s.shipment)));
}

/** Where `profiles build` keeps the history summary of a profile: profile.json → profile.history.json. */
export function summaryPathFor(profilePath: string): string {
  return profilePath.endsWith(".json") ? `${profilePath.slice(0, -5)}.history.json` : `${profilePath}.history.json`;
}

/** The summary beside a profile, when there is one (a malformed one is an error naming the file). */
export async function readSummaryBeside(profilePath: string): Promise<{ path: string; summary: HistorySummary } | undefined> {
  const path = summaryPathFor(profilePath);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path}: not JSON (${(error as Error).message}); delete it or build the profile again`);
  }
  const problem = checkHistorySummary(parsed);
  if (problem !== undefined) throw new CliError(`${path}: not a history summary: ${problem}`);
  return { path, summary: parsed as HistorySummary };
}

/** Writes the history summary of a build beside its profile. */
export async function writeSummaryBeside(profilePath: string, history: BuilderHistory): Promise<string> {
  const path = summaryPathFor(profilePath);
  await writeFile(path, JSON.stringify(summariseHistory(sightingsOf(history.records, history.unlabelled))));
  return path;
}
