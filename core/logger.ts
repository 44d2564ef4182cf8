// One pino logger per process. Child loggers carry request ids and job ids;
// tokens are redacted so a log line never leaks credentials.
import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger } from "pino";
import { chooseLogDestination, type LogDestination, type LogFormat } from "./log-destination.js";

export type { Logger };

/** LOG_FORMAT and LOG_FILE; without them, JSON lines on stdout (production). */
export interface LogOutput {
  format: LogFormat;
  file?: string;
}

export function createLogger(level: string, name: string, output?: LogOutput): Logger {
  const options = {
    name,
    level,
    redact: { paths: ["req.headers.authorization", "req.headers.cookie", "headers.authorization"], censor: "[redacted]" },
    base: { pid: process.pid },
  };
  if (!output) return pino(options);
  return pino(options, openDestination(chooseLogDestination({ ...output, stdoutIsTty: process.stdout.isTTY === true })));
}

function openDestination(destination: LogDestination): DestinationStream {
  const file = destination.target === "stdout" ? undefined : destination.target.file;
  if (destination.format === "pretty") {
    const pretty = loadPinoPretty();
    // sync: a line is out before the next console.log of `npm start`, so they do not interleave.
    if (pretty) return pretty({ colorize: !file, singleLine: true, sync: true, destination: file ?? 1, append: true, mkdir: true });
  }
  return file ? pino.destination({ dest: file, append: true, mkdir: true }) : pino.destination(1);
}

type PinoPrettyFactory = (options: Record<string, unknown>) => DestinationStream;

// pino-pretty is a devDependency: present after `npm ci`, absent from a
// production install (`--omit=dev`), where the logs stay JSON.
function loadPinoPretty(): PinoPrettyFactory | undefined {
  try {
    const loaded = createRequire(import.meta.url)("pino-pretty") as PinoPrettyFactory | { default: PinoPrettyFactory };
    return typeof loaded === "function" ? loaded : loaded.default;
  } catch {
    return undefined;
  }
}
