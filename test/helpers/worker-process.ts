// Real worker processes for tests that kill or restart them, and the API's
// process for benchmarks that measure it as `npm start` runs it.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Config } from "../../core/config.js";
import { childEntry } from "./child-entry.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/** `nodeFlags`: node's own flags before the entry point (a benchmark passes the service flags `npm start` uses). */
export function spawnWorker(config: Config, env: Record<string, string> = {}, nodeFlags: readonly string[] = []): WorkerProcess {
  const { ready, ...worker } = spawnService("workers/main.ts", config, env, nodeFlags);
  return { ...worker, ready: ready.then(() => undefined) };
}

/**
 * The API as `npm start` runs it, in a process of its own (api/server.ts on a free loopback port): a benchmark's
 * client then no longer shares the API's event loop, its copies of the body and its reading of the answer
 * counted in the answer's time. `url` once it listens.
 */
export function spawnApi(config: Config, env: Record<string, string> = {}, nodeFlags: readonly string[] = []): WorkerProcess & { url: Promise<string> } {
  const { ready, ...api } = spawnService("api/server.ts", config, { HOST: "127.0.0.1", PORT: "0", ...env }, nodeFlags);
  const url = ready.then((message) => {
    if (typeof message.url !== "string") throw new Error("the API said it was ready without its url");
    return message.url;
  });
  return { ...api, ready: url.then(() => undefined), url };
}

function spawnService(entry: string, config: Config, env: Record<string, string>, nodeFlags: readonly string[]) {
  const child = spawn(process.execPath, [...nodeFlags, ...childEntry(entry)], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const ready = new Promise<{ url?: unknown }>((resolve, reject) => {
    child.on("message", (message: { type?: string; url?: unknown }) => message.type === "ready" && resolve(message));
    child.once("exit", (code) => reject(new Error(`${entry} exited before ready (code ${code})`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, ready, exited };
}

/** SIGTERM and wait; SIGKILL if it does not stop in time. No process outlives the test. */
export async function stopWorker(worker: WorkerProcess, timeoutMs = 15_000): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill("SIGTERM");
  const timer = setTimeout(() => worker.child.kill("SIGKILL"), timeoutMs);
  await worker.exited;
  clearTimeout(timer);
}
