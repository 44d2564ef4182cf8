// `profiles build` and `score`: the builder and the scorer on files, with the
// same record reader and column mapping as the history import job and the
// same profile validation as the API. No database, no Redis: start-up stays
// fast. stdout carries only the command's answer; progress and rejected
// rows go to stderr.
import { createReadStream } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import { buildProfile, type HistoryRecord } from "../profiling/builder/build-profile.js";
import { compileProfile } from "../profiling/dsl/compile.js";
import { validateProfile } from "../profiling/dsl/validate.js";
import type { BuilderHistory } from "../core/history/builder-records.js";
import { HISTORY_PRESETS, mapperFor, missingFrom, MANIFEST_JSONL, scoringMapperFor } from "../core/history/history-mapping.js";
import type { ShipmentInput } from "../profiling/shipment.js";
import { EmptyFileError, readRecords } from "../core/history/read-records.js";
import { CliError } from "./cli-args.js";
import { needsHistory, readBuildHistory, readManifestHistory, readSummaryBeside, scoreWithHistory, writeSummaryBeside } from "./manifest-history-files.js";

type Flags = Record<string, string[]>;

export interface FileCommand {
  usage: string;
  flags: { required: readonly string[]; optional: readonly string[]; repeatable: readonly string[] };
  run(flags: Flags): Promise<void>;
}

/** Rejected rows printed on stderr before the rest are only counted. */
const MAX_PRINTED = 20;

function checkFlags(name: string, command: FileCommand, flags: Flags): void {
  const known = new Set([...command.flags.required, ...command.flags.optional, "help"]);
  for (const flag of Object.keys(flags)) {
    if (!known.has(flag)) throw new CliError(`--${flag}: unknown flag for "${name}" (usage: ${name} ${command.usage})`);
    if (flags[flag]!.length > 1 && !command.flags.repeatable.includes(flag)) throw new CliError(`--${flag}: given more than once`);
    if (flags[flag]!.some((v) => v === "true" || v === "")) throw new CliError(`--${flag}: needs a value`);
  }
  for (const flag of command.flags.required) {
    if (!flags[flag]?.length) throw new CliError(`--${flag}: required (usage: ${name} ${command.usage})`);
  }
}

function reporter(label: string) {
  let count = 0;
  return {
    reject(where: string, reasons: readonly string[]) {
      count += 1;
      if (count <= MAX_PRINTED) process.stderr.write(`${label}: ${where}: ${reasons.join("; ")}\n`);
    },
    get count() {
      return count;
    },
    finish() {
      if (count > MAX_PRINTED) process.stderr.write(`${label}: ... and ${count - MAX_PRINTED} more rejected row(s)\n`);
    },
  };
}

function fileStream(flag: string, path: string) {
  const stream = createReadStream(path);
  // Surface "no such file" as a message naming the flag, not a stack trace.
  const failed = new Promise<never>((_resolve, reject) => {
    stream.once("error", (error) => reject(new CliError(`--${flag}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
  });
  failed.catch(() => undefined);
  return { stream, failed };
}

async function readHistoryFile(path: string, format: string, records: HistoryRecord[], seen: Set<string>, rejected: ReturnType<typeof reporter>, flag = "history") {
  const mapper = mapperFor(format);
  const { stream, failed } = fileStream(flag, path);
  let duplicates = 0;
  const rows = readRecords(stream, "csv", {
    onHeader: (columns) => {
      const missing = missingFrom(columns, mapper);
      if (missing.length > 0) throw new CliError(`--${flag} ${path}: missing column(s) ${missing.join(", ")}`);
    },
  });
  const consume = async () => {
    for await (const record of rows) {
      if (record.problem) {
        rejected.reject(`${path} line ${record.line}`, [record.problem]);
        continue;
      }
      const mapped = mapper.map(record.values);
      if (!mapped.ok) {
        rejected.reject(`${path} line ${record.line}`, mapped.reasons);
        continue;
      }
      const { row } = mapped;
      // The import keeps the first record of an id (unique per unit); so does the CLI.
      if (seen.has(row.externalRef)) {
        duplicates += 1;
        continue;
      }
      seen.add(row.externalRef);
      records.push({ shipment: row.shipment, date: row.date, label: { hit: row.outcome !== "nothing_found", critical: row.outcome === "seizure" } });
    }
  };
  await Promise.race([consume(), failed]).catch((error: unknown) => {
    if (error instanceof EmptyFileError) throw new CliError(`--${flag} ${path}: ${error.message}`);
    throw error;
  });
  return duplicates;
}

const BUILD_FORMATS = [...HISTORY_PRESETS, MANIFEST_JSONL] as const;

/** The history files of a build or of a score's context, in either format. */
async function readHistories(format: string, paths: readonly string[], rejected: ReturnType<typeof reporter>): Promise<BuilderHistory & { duplicates: number }> {
  if (format === MANIFEST_JSONL) return readBuildHistory(paths, rejected);
  const records: HistoryRecord[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const path of paths) duplicates += await readHistoryFile(path, format, records, seen, rejected);
  return { records, unlabelled: [], duplicates };
}

function checkFormat(value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new CliError(`--format: unknown format ${JSON.stringify(value)}; one of ${allowed.join(", ")}`);
  return value;
}

const buildCommand: FileCommand = {
  usage: `--format ${BUILD_FORMATS.join("|")} --history <file> [--history <file> ...] --out <profile.json> [--code CODE] [--name NAME]`,
  flags: { required: ["format", "history", "out"], optional: ["code", "name"], repeatable: ["history"] },
  async run(flags) {
    const format = checkFormat(flags.format![0]!, BUILD_FORMATS);
    const started = performance.now();
    const rejected = reporter("build");
    const { records, unlabelled, duplicates } = await readHistories(format, flags.history!, rejected);
    rejected.finish();
    if (records.length === 0) throw new CliError("--history: no inspected record in the given file(s): a profile is learned from inspection outcomes");
    const { profile, report } = buildProfile(records, { unlabelled, profile: { code: flags.code?.[0], name: flags.name?.[0] } });
    const checked = validateProfile(profile);
    if (!checked.ok) throw new CliError(`the built profile does not validate: ${checked.errors.slice(0, 5).map((e) => JSON.stringify(e)).join("; ")}`);
    await writeFile(flags.out![0]!, JSON.stringify(profile));
    // What the history knows of later shipments (first sightings, seizure links, medians), for `score` without --history.
    const summaryPath = await writeSummaryBeside(flags.out![0]!, { records, unlabelled });
    process.stdout.write(
      `${JSON.stringify({
        out: flags.out![0],
        historySummary: summaryPath,
        code: profile.code,
        target: profile.target,
        records: records.length,
        uninspected: unlabelled.length,
        rejected: rejected.count,
        duplicates,
        history: report.history,
        indicators: profile.indicators.length,
        thresholds: profile.thresholds,
        tuning: report.tuning,
        laterPeriod: report.calibration,
        ms: Math.round(performance.now() - started),
      })}\n`,
    );
  },
};

/** A scored row under the profile's lowest threshold (a negative score too): the queue's band "none", never an empty cell. */
const NO_BAND = "none";
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

async function loadProfile(path: string) {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(`--profile: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--profile: ${path} is not JSON: ${(error as Error).message}`);
  }
  const checked = validateProfile(json);
  if (!checked.ok) {
    throw new CliError(`--profile: ${path} is not a valid profile:\n${checked.errors.slice(0, 20).map((e) => `  ${JSON.stringify(e)}`).join("\n")}`);
  }
  return compileProfile(checked.profile);
}

interface InputRow {
  id: string;
  /** Undefined: the row is malformed (band `invalid`). */
  shipment?: ShipmentInput;
  date: string;
}

/** Every input row in order, malformed ones kept as rows with no shipment. */
async function readScoreInput(format: string, path: string, rejected: ReturnType<typeof reporter>): Promise<InputRow[]> {
  const rows: InputRow[] = [];
  if (format === MANIFEST_JSONL) {
    await readManifestHistory(
      "input",
      path,
      rejected,
      (row) => rows.push({ id: row.externalRef, shipment: row.shipment, date: row.date }),
      // Still one output row, band `invalid`, named by its bill of lading and container where readable.
      (line, ref) => rows.push({ id: ref ?? `line ${line}`, date: "" }),
    );
    return rows;
  }
  const mapper = scoringMapperFor(format)!;
  const { stream, failed } = fileStream("input", path);
  const input = readRecords(stream, "csv", {
    onHeader: (columns) => {
      const missing = missingFrom(columns, mapper);
      if (missing.length > 0) throw new CliError(`--input ${path}: missing column(s) ${missing.join(", ")}`);
    },
  });
  const consume = async () => {
    for await (const record of input) {
      const id = record.values[mapper.idColumn]?.trim() ?? "";
      const mapped = record.problem ? { ok: false as const, reasons: [record.problem] } : mapper.map(record.values);
      if (mapped.ok) {
        rows.push({ id, shipment: mapped.shipment, date: mapped.shipment.arrivalDate ?? "" });
      } else {
        // Still one output row: no score, band `invalid` (see the README).
        rejected.reject(`line ${record.line}${id ? ` (${mapper.idColumn} ${id})` : ""}`, mapped.reasons);
        rows.push({ id, date: "" });
      }
    }
  };
  await Promise.race([consume(), failed]).catch((error: unknown) => {
    if (error instanceof EmptyFileError) throw new CliError(`--input ${path}: ${error.message}`);
    throw error;
  });
  return rows;
}

const scoreCommand: FileCommand = {
  usage: `--format ${BUILD_FORMATS.join("|")} --profile <profile.json> --input <file> [--history <file> ...] --out <scores.csv>`,
  flags: { required: ["format", "profile", "input", "out"], optional: ["history"], repeatable: ["history"] },
  async run(flags) {
    const format = checkFormat(flags.format![0]!, BUILD_FORMATS);
    const compiled = await loadProfile(flags.profile![0]!);
    const rejected = reporter("score");
    const beside = flags.history ? undefined : await readSummaryBeside(flags.profile![0]!);
    const history = flags.history ? await readHistories(format, flags.history, reporter("history")) : (beside?.summary ?? { records: [], unlabelled: [] });
    if (beside !== undefined) {
      process.stderr.write(`score: parties, seizure links and value medians as of the build's history (${beside.summary.from} to ${beside.summary.to}), from ${beside.path}\n`);
    } else if (!flags.history && needsHistory(compiled.profile.indicators)) {
      process.stderr.write("score: the profile weighs new parties, links to past seizures or value medians: without --history (or the history summary profiles build writes beside the profile) they are judged on the input alone\n");
    }
    const input = await readScoreInput(format, flags.input![0]!, rejected);
    const valid = input.filter((r): r is InputRow & { shipment: ShipmentInput } => r.shipment !== undefined);
    const scored = scoreWithHistory(compiled, history, valid, `cli-${compiled.profile.code}`);
    const byRow = new Map<InputRow, (typeof scored)[number]>(valid.map((r, i) => [r, scored[i]!]));
    const out = await open(flags.out![0]!, "w").catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`--out: cannot write ${flags.out![0]}: ${error.code ?? error.message}`);
    });
    try {
      let pending = "id,score,band,indicators\n";
      for (const row of input) {
        const s = byRow.get(row);
        pending += s === undefined ? `${csvField(row.id)},,invalid,\n` : `${csvField(row.id)},${s.result.score},${s.result.band ?? NO_BAND},${csvField(s.result.indicators.map((i) => i.code).join(";"))}\n`;
        if (pending.length >= 1 << 16) {
          await out.write(pending);
          pending = "";
        }
      }
      await out.write(pending);
    } finally {
      await out.close();
    }
    rejected.finish();
    process.stderr.write(`score: ${input.length} row(s) scored into ${flags.out![0]}, ${rejected.count} malformed\n`);
  },
};

export const FILE_COMMANDS: Record<string, FileCommand> = {
  "profiles build": buildCommand,
  score: scoreCommand,
};

/** Runs a file command if `positional` names one; undefined otherwise. */
export function findFileCommand(positional: readonly string[]): { name: string; command: FileCommand } | undefined {
  for (const length of [2, 1]) {
    const name = positional.slice(0, length).join(" ");
    const command = FILE_COMMANDS[name];
    if (command && positional.length === length) return { name, command };
  }
  return undefined;
}

export async function runFileCommand(name: string, command: FileCommand, flags: Flags): Promise<void> {
  checkFlags(name, command, flags);
  await command.run(flags);
}
