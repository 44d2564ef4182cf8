// A redis-server of the test's own, on its own port, that the test can really
// restart (losing its data: no persistence), drop every client of, or pause
// with SIGSTOP. Never the shared Redis other runs use.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { waitFor } from "./wait-for.js";

/** A port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface OwnRedis {
  url: string;
  /** SIGTERM, then a fresh server on the same port: every key is gone, every client reconnects. */
  restart(): Promise<void>;
  /** Closes every client connection (CLIENT KILL); the server and its data stay. */
  dropClients(): Promise<number>;
  /** SIGSTOP for `ms`, then SIGCONT: connections stay open and nothing answers meanwhile. */
  pause(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** `onPort`: a port the caller chose already (a test whose API is started before its Redis); otherwise a free one. */
export async function startOwnRedis(onPort?: number): Promise<OwnRedis> {
  const port = onPort ?? (await freePort());
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess;
  const launch = async () => {
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction"], { stdio: "ignore" });
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => undefined);
    try {
      await waitFor(async () => (await probe.connect().then(() => probe.ping()).catch(() => "")) === "PONG", { timeoutMs: 10_000, intervalMs: 50, what: `redis-server on ${port}` });
    } finally {
      probe.disconnect();
    }
  };
  const kill = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, "exit");
    server.kill("SIGCONT");
    server.kill("SIGTERM");
    await exited;
  };
  await launch();
  return {
    url,
    async restart() {
      await kill();
      await launch();
    },
    async dropClients() {
      const admin = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        return Number(await admin.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"));
      } finally {
        admin.disconnect();
      }
    },
    async pause(ms) {
      server.kill("SIGSTOP");
      try {
        await new Promise((resolve) => setTimeout(resolve, ms));
      } finally {
        server.kill("SIGCONT");
      }
    },
    stop: kill,
  };
}
