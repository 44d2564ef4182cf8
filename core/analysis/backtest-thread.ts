// A back-test worker thread (started by backtest-pool.ts): keeps its share of
// a few units' prepared histories, prepared here once per history snapshot,
// and scores the records of its share a run asks for. No database, no
// services: plain data in, columns of results out.
import { parentPort } from "node:worker_threads";
import { KeptKeyStore } from "../../profiling/kept-keys.js";
import { TextPool } from "../../profiling/prepared-shipment.js";
import { preparedRecord, type PreparedRecord } from "../profiles/prepared-history.js";
import { seizureLinksAsOf, type LinkedAsOf } from "../profiles/seizure-links-as-of.js";
import { ColumnsBuilder, compileToScore, runContext, scoreRecords, type CompiledToScore, type ProfileToScore, type ScoredColumns } from "./backtest-scoring.js";
import type { ThreadReply, ThreadRequest } from "./backtest-thread-messages.js";

interface Share {
  token: number;
  /** The records of the history whose index i has i % parts === part, in order. */
  records: PreparedRecord[];
  part: number;
  parts: number;
  partyFirstSeen: (key: string) => Date | undefined;
  linkedAsOf: LinkedAsOf;
}

/** As the main thread's cache of prepared histories (prepared-history.ts): a few units, the least recently used dropped. */
const MAX_UNITS = 3;
const shares = new Map<string, Share>();
const PROGRESS_EVERY = 1_000;

const port = parentPort;
if (port === null) throw new Error("backtest-thread.ts runs as a worker thread (core/analysis/backtest-pool.ts starts it)");

/**
 * Compiled profiles by draw key, which is the definition's content hash: the
 * same key is the same document, so a run after another (a comparison after
 * a back-test) compiles nothing again, as the main thread's version cache.
 */
const MAX_COMPILED = 8;
const compiled = new Map<string, CompiledToScore>();
function compiledFor(profile: ProfileToScore): CompiledToScore {
  let found = compiled.get(profile.drawKey);
  compiled.delete(profile.drawKey);
  if (found === undefined) found = compileToScore(profile);
  compiled.set(profile.drawKey, found);
  while (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  return found;
}

function post(reply: ThreadReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(reply, transfer);
}

function handle(request: ThreadRequest): void {
  if (request.type === "load") {
    // One numbering of kept key texts and one pool of text numbers for the share, as for a whole history in process.
    const keys = new KeptKeyStore();
    const texts = new TextPool();
    const firstSeen = request.firstSeen;
    shares.delete(request.unitId);
    shares.set(request.unitId, {
      token: request.token,
      records: request.records.map((plain) => preparedRecord(plain, keys, texts)),
      part: request.part,
      parts: request.parts,
      partyFirstSeen: (key) => firstSeen.get(key),
      linkedAsOf: seizureLinksAsOf(request.graph),
    });
    while (shares.size > MAX_UNITS) shares.delete(shares.keys().next().value!);
    return;
  }
  const share = shares.get(request.unitId);
  if (share === undefined || share.token !== request.token) {
    post({ type: "missing", task: request.task });
    return;
  }
  // Most recently used last.
  shares.delete(request.unitId);
  shares.set(request.unitId, share);
  // The share's records within the run's history indexes [start, end).
  const at = (index: number) => Math.max(0, Math.ceil((index - share.part) / share.parts));
  const from = at(request.start);
  const to = Math.max(from, at(request.end));
  const profiles = request.profiles.map(compiledFor);
  const run = runContext(request.inputs, share);
  const builders = profiles.map(() => new ColumnsBuilder());
  for (let k = from; k < to; k += PROGRESS_EVERY) {
    scoreRecords(share.records, k, Math.min(to, k + PROGRESS_EVERY), profiles, run, builders);
    post({ type: "progress", task: request.task, done: Math.min(to, k + PROGRESS_EVERY) - from });
  }
  const columns: ScoredColumns[] = builders.map((b) => b.finish());
  const transfer = columns.flatMap((c) => [c.scores, c.flags, c.matchEnd, c.matchIndicators, c.matchPoints].map((a) => a.buffer as ArrayBuffer));
  post({ type: "scored", task: request.task, columns }, transfer);
}

port.on("message", (request: ThreadRequest) => {
  try {
    handle(request);
  } catch (error) {
    post({ type: "failed", task: request.task, message: error instanceof Error ? error.message : String(error) });
  }
});
