// One pino logger per process. Child loggers carry request ids and job ids;
// tokens are redacted so a log line never leaks credentials.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: { paths: ["req.headers.authorization", "req.headers.cookie", "headers.authorization"], censor: "[redacted]" },
    base: { pid: process.pid },
  });
}
