// A small pool of worker threads that score back-tests and comparisons
// (backtest-thread.ts). A unit's prepared history is dealt round-robin by
// record index: thread t keeps the records whose index i has i % size === t,
// handed to it once per history snapshot and prepared there. A run then sends
// only the profiles and the run's dated lists; each thread scores its records
// of the run's range with every profile, and the shares are merged back in
// record order (backtest-scoring.ts: mergeShares), so any pool size gives the
// same figures to the last digit. Round-robin keeps the threads equally busy
// whatever date range a run asks.
//
// One pool per process and size, started on first use. Idle threads do not
// keep the process alive (unref); the worker process closes them on
// shutdown (workers/pool.ts), tests with closeBacktestThreads().
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { PreparedHistory } from "../profiles/prepared-history.js";
import { mergeShares, type ProfileToScore, type RunInputs, type ScoredColumns } from "./backtest-scoring.js";
import type { ThreadReply, ThreadRequest } from "./backtest-thread-messages.js";

export interface ThreadRun {
  unitId: string;
  history: PreparedHistory;
  /** History indexes [start, end) of the run's records. */
  start: number;
  end: number;
  profiles: ProfileToScore[];
  inputs: RunInputs;
  /** Records scored so far, over all threads. */
  onProgress: (done: number) => void;
}

const here = fileURLToPath(import.meta.url);
// .ts under tsx and vitest, .js in the built image (dist/).
const ext = path.extname(here);
const ENTRY = pathToFileURL(path.join(path.dirname(here), `backtest-thread${ext}`));

/**
 * Starts a thread on the entry file. Compiled (dist/), node runs it as is.
 * From TypeScript sources, a thread does not inherit the tsx loader the
 * process was started with (node 20 applies --import hooks to the main
 * thread only), so the thread loads the entry through tsx's API itself.
 */
function startWorker(): Worker {
  if (ext !== ".ts") return new Worker(ENTRY);
  // Resolved here: the thread's own code is evaluated with no file to resolve from.
  const tsxApi = import.meta.resolve("tsx/esm/api");
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(ENTRY.href)}, ${JSON.stringify(import.meta.url)}));`, { eval: true });
}

/** Each prepared history object gets a number: a thread's share is of the history with that number. */
const tokens = new WeakMap<PreparedHistory, number>();
let nextToken = 1;
function tokenOf(history: PreparedHistory): number {
  let token = tokens.get(history);
  if (token === undefined) tokens.set(history, (token = nextToken++));
  return token;
}

let nextTask = 1;
/** Threads started and not yet exited, in this process. */
let running = 0;

/** How many back-test threads are running in this process (tests: none is left after close). */
export function runningBacktestThreads(): number {
  return running;
}

interface Pending {
  resolve: (reply: Extract<ThreadReply, { type: "missing" | "scored" }>) => void;
  reject: (error: Error) => void;
  onProgress: (done: number) => void;
}

class Thread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  dead = false;

  constructor(private readonly name: string) {
    this.worker = startWorker();
    running += 1;
    this.worker.unref();
    this.worker.on("message", (reply: ThreadReply) => this.receive(reply));
    this.worker.on("error", (error) => this.fail(new Error(`${this.name} failed: ${error.message}`)));
    this.worker.on("exit", (code) => {
      running -= 1;
      this.fail(new Error(`${this.name} stopped (exit code ${code})`));
    });
  }

  /** Sends a request and waits for its answer; a failure in the thread rejects with the thread's message. */
  ask(request: ThreadRequest, onProgress: (done: number) => void = () => undefined): Promise<Extract<ThreadReply, { type: "missing" | "scored" }>> {
    if (this.dead) return Promise.reject(new Error(`${this.name} is stopped`));
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(request.task, { resolve, reject, onProgress });
      this.worker.postMessage(request);
    });
  }

  /** A request with no answer of its own (a load): its failure fails the task's next answer. */
  send(request: ThreadRequest): void {
    this.worker.postMessage(request);
  }

  private settle(task: number): Pending | undefined {
    const found = this.pending.get(task);
    this.pending.delete(task);
    if (this.pending.size === 0 && !this.dead) this.worker.unref();
    return found;
  }

  private receive(reply: ThreadReply): void {
    if (reply.type === "progress") {
      this.pending.get(reply.task)?.onProgress(reply.done);
      return;
    }
    const waiting = this.settle(reply.task);
    if (waiting === undefined) return;
    if (reply.type === "failed") waiting.reject(new Error(`back-test scoring failed in ${this.name}: ${reply.message}`));
    else waiting.resolve(reply);
  }

  /** The thread is gone (an uncaught error, an exit, or closed): every waiting task fails with why. */
  private fail(error: Error): void {
    this.dead = true;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) w.reject(error);
  }

  async close(): Promise<void> {
    this.fail(new Error(`${this.name} was closed`));
    await this.worker.terminate();
  }
}

export class BacktestThreads {
  private readonly threads: (Thread | undefined)[];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 2) throw new Error(`a back-test thread pool has 2 or more threads, not ${size}: 1 scores in process`);
    this.threads = new Array<Thread | undefined>(size).fill(undefined);
  }

  private thread(t: number): Thread {
    let thread = this.threads[t];
    // A thread that died is replaced; its share of histories is sent again when asked for.
    if (thread === undefined || thread.dead) this.threads[t] = thread = new Thread(`back-test thread ${t + 1} of ${this.size}`);
    return thread;
  }

  /** Scores the run's records with every profile: one columns object per profile, in record order. */
  async score(run: ThreadRun): Promise<ScoredColumns[]> {
    const done = new Array<number>(this.size).fill(0);
    const shares = await Promise.all(
      this.threads.map((_, t) =>
        this.scoreShare(t, run, (n) => {
          done[t] = n;
          run.onProgress(done.reduce((a, b) => a + b, 0));
        }),
      ),
    );
    const count = Math.max(0, run.end - run.start);
    return run.profiles.map((_, k) => mergeShares(shares.map((columns) => columns[k]!), count, run.start));
  }

  private async scoreShare(t: number, run: ThreadRun, onProgress: (done: number) => void): Promise<ScoredColumns[]> {
    const thread = this.thread(t);
    const token = tokenOf(run.history);
    const score: ThreadRequest = { type: "score", task: nextTask++, unitId: run.unitId, token, start: run.start, end: run.end, profiles: run.profiles, inputs: run.inputs };
    let reply = await thread.ask(score, onProgress);
    if (reply.type === "missing") {
      // First run on this snapshot in this thread: hand it its share, then ask again.
      const { history } = run;
      // The load and the second ask share a task: a load that fails in the thread fails that ask.
      const retry = nextTask++;
      thread.send({
        type: "load",
        task: retry,
        unitId: run.unitId,
        token,
        part: t,
        parts: this.size,
        records: history.records.filter((_, i) => i % this.size === t).map(({ shipment, day, hit, drawKey }) => ({ shipment, day, hit, drawKey })),
        firstSeen: history.firstSeen,
        graph: history.graph,
      });
      reply = await thread.ask({ ...score, task: retry }, onProgress);
    }
    if (reply.type !== "scored") throw new Error(`back-test thread ${t + 1} of ${this.size} did not keep the history it was handed`);
    return reply.columns;
  }

  async close(): Promise<void> {
    const threads = this.threads.splice(0, this.threads.length, ...new Array<undefined>(this.size).fill(undefined));
    await Promise.all(threads.flatMap((thread) => (thread ? [thread.close()] : [])));
  }
}

const pools = new Map<number, BacktestThreads>();

/** The process's pool of `size` threads (2 or more), started on first use. */
export function backtestThreads(size: number): BacktestThreads {
  let pool = pools.get(size);
  if (pool === undefined) pools.set(size, (pool = new BacktestThreads(size)));
  return pool;
}

/** Stops every back-test thread of the process (worker shutdown, tests). A later run starts them again. */
export async function closeBacktestThreads(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}
