// Real worker processes for tests that kill or restart them.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Config } from "../../core/config.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/** `nodeFlags`: node's own flags before the entry point (a benchmark passes the service flags `npm start` uses). */
export function spawnWorker(config: Config, env: Record<string, string> = {}, nodeFlags: readonly string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", "workers/main.ts"], {
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
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (message: { type?: string }) => message.type === "ready" && resolve());
    child.once("exit", (code) => reject(new Error(`worker exited before ready (code ${code})`)));
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
