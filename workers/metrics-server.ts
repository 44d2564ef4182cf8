// A worker process's own /metrics (job latency, shipments scored and failed,
// reconciler re-enqueues, memory): plain node:http, no Express. Several
// workers on one host (npm start) take the next free port each.
import http from "node:http";
import { metricsRegistry } from "../core/metrics/registry.js";
import type { Logger } from "../core/logger.js";

const MAX_TRIES = 64;

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" ? resolve(false) : reject(error));
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve(true);
    });
  });
}

export async function startMetricsServer(basePort: number, host: string, logger: Logger, token?: string): Promise<MetricsServer | undefined> {
  const registry = metricsRegistry();
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "Content-Type": registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  for (let port = basePort; port < basePort + MAX_TRIES && port <= 65535; port += 1) {
    if (await listen(server, port, host)) {
      logger.info({ port }, "worker metrics listening");
      return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
    }
  }
  logger.warn({ basePort }, "no free port for worker metrics");
  return undefined;
}
