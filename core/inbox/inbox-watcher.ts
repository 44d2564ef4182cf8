// `portcullis inbox watch DIR --unit CODE`: takes files a feed drops into
// DIR, each exactly once, also across restarts and with several watchers on
// one directory. One pass at a time: take over files of dead watchers, retry
// this watcher's own unfinished files, then claim the settled new ones.
// fs.watch only hastens a pass (it misses events on some file systems and
// across renames); the periodic rescan is what guarantees progress.
import { randomUUID } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import { access, realpath } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import type { UnitScope } from "../auth/principal.js";
import { isUuid } from "../ids.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services.js";
import { claimFile, countAttempt, finishFile, heartbeat, isDeadWatcher, registerWatcher, stopWatcher, type StoredAnswer } from "./inbox-claims.js";
import { hashFile, listFiles, placeFinished, prepareInbox, removeEmptyDir, take, watcherDirs, type InboxPaths } from "./inbox-directory.js";
import { inboxKindOf } from "./inbox-file-names.js";
import { findInboxUnit } from "./inbox-unit.js";
import { processInboxFile, type FileOutcome } from "./process-inbox-file.js";
import { SettleTracker } from "./settle-tracker.js";

export interface InboxOptions {
  directory: string;
  unitCode: string;
  /** How long size and mtime must stay unchanged before a file is read. */
  settleMs: number;
  /** Full rescan interval (fs.watch misses events). */
  rescanMs: number;
  heartbeatMs: number;
  /** Preset of `.csv` history files. */
  csvFormat: string;
  /** Attempts of a file that keeps failing for a reason of ours (database down...) before it goes to failed/. */
  maxAttempts: number;
  logger: Logger;
}

export interface InboxTally {
  done: number;
  failed: number;
  /** Files seen before (same name and content): answered again from the first run. */
  repeated: number;
}

export class InboxWatcher {
  readonly tally: InboxTally = { done: 0, failed: 0, repeated: 0 };
  private readonly settle: SettleTracker;
  private timers: NodeJS.Timeout[] = [];
  private fsWatcher: FSWatcher | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopping = false;
  private followUp: NodeJS.Timeout | undefined;

  private constructor(
    private readonly services: Services,
    private readonly options: InboxOptions,
    private readonly unit: UnitScope,
    private readonly paths: InboxPaths,
    readonly id: string,
  ) {
    this.settle = new SettleTracker(options.settleMs);
  }

  static async start(services: Services, options: InboxOptions): Promise<InboxWatcher> {
    await access(options.directory).catch(() => {
      throw new Error(`DIR: ${options.directory} does not exist or cannot be read`);
    });
    const directory = await realpath(options.directory);
    const unit = await findInboxUnit(services, options.unitCode);
    const id = randomUUID();
    const paths = await prepareInbox(directory, id);
    const watcher = new InboxWatcher(services, { ...options, directory }, unit, paths, id);
    await registerWatcher(services.pool, { id, unitId: unit.id, directory, host: os.hostname(), pid: process.pid, heartbeatMs: options.heartbeatMs });
    watcher.begin();
    return watcher;
  }

  private get log(): Logger {
    return this.options.logger;
  }

  private begin(): void {
    this.log.info({ watcherId: this.id, directory: this.paths.root, unit: this.unit.code }, "inbox watcher started");
    try {
      this.fsWatcher = watch(this.paths.root, { persistent: false }, () => this.poke());
      this.fsWatcher.on("error", (error) => this.log.warn({ err: error }, "fs.watch failed; relying on the periodic rescan"));
    } catch (error) {
      this.log.warn({ err: error }, "fs.watch unavailable; relying on the periodic rescan");
    }
    this.timers.push(setInterval(() => this.poke(), this.options.rescanMs));
    this.timers.push(setInterval(() => void this.beat(), this.options.heartbeatMs));
    this.poke();
  }

  private async beat(): Promise<void> {
    await heartbeat(this.services.pool, this.id, this.settle.waiting).catch((error: unknown) => this.log.warn({ err: error }, "inbox heartbeat failed"));
  }

  /** Asks for a pass; passes never overlap, and a request during one runs another after it. */
  poke(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error: unknown) => this.log.error({ err: error }, "inbox pass failed; retried at the next rescan"))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  /** Resolves once a full pass has run after this call (tests and the CLI's first run). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pass(): Promise<void> {
    await this.adoptFromDeadWatchers();
    for (const file of await listFiles(this.paths.mine)) {
      if (this.stopping) return;
      await this.handle(file.name);
    }
    await this.claimSettled();
  }

  private async adoptFromDeadWatchers(): Promise<void> {
    for (const other of await watcherDirs(this.paths.processing)) {
      if (other === this.id || !isUuid(other) || !(await isDeadWatcher(this.services.pool, other))) continue;
      const dir = join(this.paths.processing, other);
      for (const file of await listFiles(dir)) {
        if (await take(join(dir, file.name), join(this.paths.mine, file.name))) {
          this.log.warn({ file: file.name, from: other }, "inbox took over a file of a dead watcher");
        }
      }
      await removeEmptyDir(dir);
    }
  }

  private async claimSettled(): Promise<void> {
    const files = await listFiles(this.paths.root);
    this.settle.keepOnly(new Set(files.map((f) => f.name)));
    const busy = new Set((await listFiles(this.paths.mine)).map((f) => f.name));
    let unsettled = false;
    for (const file of files) {
      if (this.stopping) return;
      if (!this.settle.observe(file.name, file.size, file.mtimeMs) || busy.has(file.name)) {
        unsettled = true;
        continue;
      }
      this.settle.forget(file.name);
      if (!(await take(join(this.paths.root, file.name), join(this.paths.mine, file.name)))) continue;
      await this.handle(file.name);
    }
    // A file still settling is looked at again after the interval, not only at the next rescan.
    if (unsettled && !this.stopping) {
      clearTimeout(this.followUp);
      this.followUp = setTimeout(() => this.poke(), this.options.settleMs + 10);
    }
  }

  /** One file in this watcher's processing directory: claim it in the database, process it, put it away. */
  private async handle(name: string): Promise<void> {
    const path = join(this.paths.mine, name);
    const kind = inboxKindOf(name);
    if (!kind) {
      const message = "not a file type the inbox takes (.edi, .edifact, .json, .jsonl, .ndjson, .csv)";
      await this.put(path, "failed", name, { fileSuffix: ".answer.json", text: `${JSON.stringify({ status: "rejected", message, errors: [{ path: "file", message }] }, null, 2)}\n`, summary: {} });
      return;
    }
    const { hash, size } = await hashFile(path);
    const claim = await claimFile(this.services.pool, { unitId: this.unit.id, directory: this.paths.root, fileName: name, contentHash: hash, kind, byteSize: size, watcherId: this.id });
    if (claim.state === "busy") return;
    if (claim.state === "finished") {
      this.tally.repeated += 1;
      this.log.info({ file: name, firstFinishedAt: claim.row.finishedAt }, "inbox file was processed before; answered again");
      await this.put(path, claim.row.status, name, claim.row.answer);
      return;
    }
    let outcome: FileOutcome;
    try {
      outcome = await processInboxFile(this.services, { unit: this.unit, path, name, kind, contentHash: hash, byteSize: size, csvFormat: this.options.csvFormat, actor: { name: `inbox:${os.hostname()}` } });
    } catch (error) {
      const attempts = await countAttempt(this.services.pool, claim.id, this.id);
      if (attempts < this.options.maxAttempts) {
        this.log.warn({ err: error, file: name, attempts }, "inbox file failed for a reason of ours; retried at the next pass");
        return;
      }
      const message = `gave up after ${attempts} attempts: ${(error as Error).message}`;
      outcome = { status: "failed", error: message, answer: { fileSuffix: ".answer.json", text: `${JSON.stringify({ status: "error", message }, null, 2)}\n`, summary: { status: "error", message } } };
    }
    if (!(await finishFile(this.services.pool, claim.id, this.id, outcome.status, outcome.answer, outcome.error))) {
      this.log.warn({ file: name }, "inbox claim was taken over meanwhile; leaving the file to its new owner's answer");
      return;
    }
    await this.put(path, outcome.status, name, outcome.answer);
    this.log.info({ file: name, kind, status: outcome.status, error: outcome.error }, "inbox file processed");
  }

  private async put(path: string, status: "done" | "failed", name: string, answer: StoredAnswer): Promise<void> {
    await placeFinished(path, status === "done" ? this.paths.done : this.paths.failed, name, answer, this.services.now());
    this.tally[status] += 1;
  }

  /** Finishes the file in hand, stops watching and says so in the database. */
  async stop(): Promise<InboxTally> {
    this.stopping = true;
    this.fsWatcher?.close();
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.followUp);
    await this.running;
    await stopWatcher(this.services.pool, this.id).catch((error: unknown) => this.log.warn({ err: error }, "could not record the watcher's stop"));
    await removeEmptyDir(this.paths.mine);
    this.log.info({ watcherId: this.id, ...this.tally }, "inbox watcher stopped");
    return { ...this.tally };
  }
}
