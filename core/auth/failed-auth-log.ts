// Failed authentications, counted per source address and time window instead
// of one audit row per request (issue 14, finding 3: one client wrote ~550
// rows/s into an append-only table). Per window, address and kind (bearer
// token or sign-in), a process writes at most two `auth.failed` rows: the
// first failure at once, so an operator sees an attack begin, and, when the
// window closes, one row with the count of the rest. Each row carries
// {count, windowStart, windowEnd}; summing `count` gives every failure.
//
// Counting happens in each API process's memory: no Redis round trip on the
// failure path, and it keeps working while Redis is down. The limit
// (AUTH_FAILURE_LIMIT per AUTH_FAILURE_WINDOW_SECONDS) is therefore per
// process. A stopping API process writes its open windows (api/server.ts);
// one that is killed loses at most their counts.
import type { Pool } from "../db/pool.js";
import type { Logger } from "../logger.js";
import { recordAudit } from "../audit/record-audit.js";

export type FailureKind = "token" | "sign-in";

export interface FailedAuthSettings {
  windowSeconds: number;
  /** Failures one address may have in a window before it is answered 429. */
  limit: number;
}

export interface Failure {
  ip: string | undefined;
  kind: FailureKind;
  reason: string;
  requestId?: string | undefined;
  /** Sign-in only: the user name tried (at most 20 distinct names are kept per window). */
  username?: string | undefined;
}

interface Window {
  ip: string | undefined;
  kind: FailureKind;
  start: number;
  /** Failures after the first (which was written at once). */
  rest: number;
  reasons: Record<string, number>;
  usernames: Set<string>;
  timer: NodeJS.Timeout;
}

const MAX_USERNAMES = 20;

export class FailedAuthLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly pool: Pool,
    private readonly logger: Pick<Logger, "warn">,
    private readonly settings: FailedAuthSettings,
    private readonly now: () => Date,
  ) {}

  /**
   * Counts one failure. Returns the seconds until the address's window ends
   * when it is over its limit (the caller answers 429), otherwise undefined.
   */
  async record(failure: Failure): Promise<number | undefined> {
    const windowMs = this.settings.windowSeconds * 1000;
    const at = this.now().getTime();
    const start = Math.floor(at / windowMs) * windowMs;
    const key = `${failure.kind}|${failure.ip ?? ""}|${start}`;
    const open = this.windows.get(key);
    if (open) {
      open.rest += 1;
      open.reasons[failure.reason] = (open.reasons[failure.reason] ?? 0) + 1;
      if (failure.username && open.usernames.size < MAX_USERNAMES) open.usernames.add(failure.username);
      const count = open.rest + 1;
      return count > this.settings.limit ? Math.max(1, Math.ceil((start + windowMs - at) / 1000)) : undefined;
    }
    const timer = setTimeout(() => void this.close(key), start + windowMs - at + 50);
    timer.unref();
    this.windows.set(key, { ip: failure.ip, kind: failure.kind, start, rest: 0, reasons: {}, usernames: new Set(), timer });
    await this.write(failure.ip, failure.requestId, failure.kind, start, 1, {
      reason: failure.reason,
      ...(failure.username ? { username: failure.username } : {}),
      firstInWindow: true,
    });
    return this.settings.limit < 1 ? this.settings.windowSeconds : undefined;
  }

  /** Writes every open window's count now (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.windows.keys()].map((key) => this.close(key)));
  }

  private async close(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (!window) return;
    this.windows.delete(key);
    clearTimeout(window.timer);
    if (window.rest === 0) return;
    await this.write(window.ip, undefined, window.kind, window.start, window.rest, {
      reasons: window.reasons,
      ...(window.usernames.size > 0 ? { usernames: [...window.usernames] } : {}),
    }).catch((error: unknown) => this.logger.warn({ err: error, failures: window.rest }, "failed authentications not audited"));
  }

  private async write(ip: string | undefined, requestId: string | undefined, kind: FailureKind, start: number, count: number, extra: object) {
    const windowEnd = new Date(start + this.settings.windowSeconds * 1000).toISOString();
    await recordAudit(this.pool, { ip, requestId }, {
      action: "auth.failed",
      entityType: "source",
      entityId: ip ?? null,
      details: { via: kind, count, windowStart: new Date(start).toISOString(), windowEnd, ...extra },
    });
  }
}

// One log per pool, i.e. per set of services (tests build several in one process).
const logs = new WeakMap<Pool, FailedAuthLog>();

export function failedAuthLog(
  services: { pool: Pool; logger: Pick<Logger, "warn">; now: () => Date; config: { AUTH_FAILURE_WINDOW_SECONDS: number; AUTH_FAILURE_LIMIT: number } },
): FailedAuthLog {
  let log = logs.get(services.pool);
  if (!log) {
    log = new FailedAuthLog(services.pool, services.logger, { windowSeconds: services.config.AUTH_FAILURE_WINDOW_SECONDS, limit: services.config.AUTH_FAILURE_LIMIT }, services.now);
    logs.set(services.pool, log);
  }
  return log;
}
