// The API process: builds the app and listens. Stops accepting on SIGTERM and
// lets in-flight requests finish.
import type { AddressInfo } from "node:net";
import { failedAuthLog } from "../core/auth/failed-auth-log.js";
import { ConfigError, loadConfig } from "../core/config.js";
import { createServices } from "../core/services.js";
import { createApp } from "./app.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const services = createServices(config, "api");
  const server = createApp(services).listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  services.logger.info({ url }, "api listening");
  process.send?.({ type: "ready", role: "api", url });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.logger.info({ signal }, "api stopping");
    server.close(() => {
      // Open windows of failed authentications are written as their counted rows first.
      void failedAuthLog(services)
        .flush()
        .catch(() => undefined)
        .then(() => services.close())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("disconnect", () => stop("parent gone"));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
