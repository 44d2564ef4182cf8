// `profiles build` and `score`: the builder and the scorer on files, with the
// same record reader and column mapping as the history import job and the
// same profile validation as the API. No database, no Redis: start-up stays
// fast. stdout carries only the command's answer; progress and rejected
// rows go to stderr.
import { createReadStream } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import { buildProfile, type HistoryRecord } from "../profiling/builder/build-profile.js";
import { historyOnlyContext } from "../profiling/builder/held-out-backtest.js";
import { compileProfile } from "../profiling/dsl/compile.js";
import { validateProfile } from "../profiling/dsl/validate.js";
import { HISTORY_PRESETS, mapperFor, missingFrom, SCORING_FORMATS, scoringMapperFor } from "../core/history/history-mapping.js";
import { EmptyFileError, readRecords } from "../core/history/read-records.js";
import { CliError } from "./cli-args.js";

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

async function readHistoryFile(path: string, format: string, records: HistoryRecord[], seen: Set<string>, rejected: ReturnType<typeof reporter>) {
  const mapper = mapperFor(format);
  const { stream, failed } = fileStream("history", path);
  let duplicates = 0;
  const rows = readRecords(stream, "csv", {
    onHeader: (columns) => {
      const missing = missingFrom(columns, mapper);
      if (missing.length > 0) throw new CliError(`--history ${path}: missing column(s) ${missing.join(", ")}`);
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
    if (error instanceof EmptyFileError) throw new CliError(`--history ${path}: ${error.message}`);
    throw error;
  });
  return duplicates;
}

function checkFormat(value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new CliError(`--format: unknown format ${JSON.stringify(value)}; one of ${allowed.join(", ")}`);
  return value;
}

const buildCommand: FileCommand = {
  usage: "--format customs-declarations --history <file.csv> [--history <file.csv> ...] --out <profile.json> [--code CODE] [--name NAME]",
  flags: { required: ["format", "history", "out"], optional: ["code", "name"], repeatable: ["history"] },
  async run(flags) {
    const format = checkFormat(flags.format![0]!, HISTORY_PRESETS);
    const started = performance.now();
    const records: HistoryRecord[] = [];
    const seen = new Set<string>();
    const rejected = reporter("build");
    let duplicates = 0;
    for (const path of flags.history!) duplicates += await readHistoryFile(path, format, records, seen, rejected);
    rejected.finish();
    if (records.length === 0) throw new CliError("--history: no usable record in the given file(s)");
    const { profile, report } = buildProfile(records, { profile: { code: flags.code?.[0], name: flags.name?.[0] } });
    const checked = validateProfile(profile);
    if (!checked.ok) throw new CliError(`the built profile does not validate: ${checked.errors.slice(0, 5).map((e) => JSON.stringify(e)).join("; ")}`);
    await writeFile(flags.out![0]!, JSON.stringify(profile));
    process.stdout.write(
      `${JSON.stringify({
        out: flags.out![0],
        code: profile.code,
        records: records.length,
        rejected: rejected.count,
        duplicates,
        history: report.history,
        indicators: profile.indicators.length,
        thresholds: profile.thresholds,
        calibration: report.calibration,
        ms: Math.round(performance.now() - started),
      })}\n`,
    );
  },
};

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

const scoreCommand: FileCommand = {
  usage: "--format customs-declarations --profile <profile.json> --input <file.csv> --out <scores.csv>",
  flags: { required: ["format", "profile", "input", "out"], optional: [], repeatable: [] },
  async run(flags) {
    const mapper = scoringMapperFor(checkFormat(flags.format![0]!, SCORING_FORMATS))!;
    const compiled = await loadProfile(flags.profile![0]!);
    const inputPath = flags.input![0]!;
    const { stream, failed } = fileStream("input", inputPath);
    const out = await open(flags.out![0]!, "w").catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`--out: cannot write ${flags.out![0]}: ${error.code ?? error.message}`);
    });
    const ctx = historyOnlyContext(new Date());
    const versionId = `cli-${compiled.profile.code}`;
    const rejected = reporter("score");
    let pending = "id,score,band,indicators\n";
    let rows = 0;
    const rowsIn = readRecords(stream, "csv", {
      onHeader: (columns) => {
        const missing = missingFrom(columns, mapper);
        if (missing.length > 0) throw new CliError(`--input ${inputPath}: missing column(s) ${missing.join(", ")}`);
      },
    });
    const consume = async () => {
      for await (const record of rowsIn) {
        rows += 1;
        const id = record.values[mapper.idColumn]?.trim() ?? "";
        const mapped = record.problem ? { ok: false as const, reasons: [record.problem] } : mapper.map(record.values);
        if (!mapped.ok) {
          // Still one output row: no score, band `invalid` (see the README).
          rejected.reject(`line ${record.line}${id ? ` (${mapper.idColumn} ${id})` : ""}`, mapped.reasons);
          pending += `${csvField(id)},,invalid,\n`;
        } else {
          const result = compiled.score(mapped.shipment, ctx, { shipmentId: id, versionId });
          pending += `${csvField(id)},${result.score},${result.band ?? ""},${csvField(result.indicators.map((i) => i.code).join(";"))}\n`;
        }
        if (pending.length >= 1 << 16) {
          await out.write(pending);
          pending = "";
        }
      }
      await out.write(pending);
    };
    try {
      await Promise.race([consume(), failed]).catch((error: unknown) => {
        if (error instanceof EmptyFileError) throw new CliError(`--input ${inputPath}: ${error.message}`);
        throw error;
      });
    } finally {
      await out.close();
    }
    rejected.finish();
    process.stderr.write(`score: ${rows} row(s) scored into ${flags.out![0]}, ${rejected.count} malformed\n`);
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
