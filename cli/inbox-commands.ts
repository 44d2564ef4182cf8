// `inbox watch DIR --unit CODE`: runs until SIGINT or SIGTERM, then finishes
// the file in hand, records its stop and prints what it did.
import { z } from "zod";
import { loadConfig } from "../core/config.js";
import { HISTORY_PRESETS } from "../core/history/history-mapping.js";
import { InboxWatcher, type InboxTally } from "../core/inbox/inbox-watcher.js";
import { createLogger } from "../core/logger.js";
import type { Services } from "../core/services.js";
import { parseWith } from "./cli-args.js";

const millis = (min: number, fallback: number) => z.coerce.number().int("a whole number of milliseconds").min(min, `at least ${min}`).max(86_400_000).default(fallback);

const watchFlags = z.object({
  dir: z.string({ message: "required: the directory to watch" }).min(1, "required: the directory to watch"),
  unit: z.string({ message: "required: the unit code" }).regex(/^[A-Za-z0-9-]{2,20}$/, "a unit code such as BEANR"),
  settleMs: millis(0, 2_000),
  rescanMs: millis(50, 10_000),
  heartbeatMs: millis(50, 5_000),
  csvFormat: z.enum(HISTORY_PRESETS, { message: `one of ${HISTORY_PRESETS.join(", ")}` }).default("customs-declarations"),
  maxAttempts: z.coerce.number().int().min(1).max(100).default(5),
});

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
}

export const INBOX_COMMANDS: Record<string, { usage: string; run: (services: Services, flags: Record<string, string[]>, args: string[]) => Promise<unknown> }> = {
  "inbox watch": {
    usage: "DIR --unit BEANR [--settle-ms 2000] [--rescan-ms 10000] [--heartbeat-ms 5000] [--csv-format customs-declarations] [--max-attempts 5]",
    run: async (services, f, args): Promise<InboxTally & { signal: string }> => {
      const options = parseWith(watchFlags, {
        dir: args[0],
        unit: f.unit?.[0],
        settleMs: f["settle-ms"]?.[0],
        rescanMs: f["rescan-ms"]?.[0],
        heartbeatMs: f["heartbeat-ms"]?.[0],
        csvFormat: f["csv-format"]?.[0],
        maxAttempts: f["max-attempts"]?.[0],
      });
      // The CLI's services log warnings only; a long-running watcher reports each file.
      const logger = createLogger(loadConfig().LOG_LEVEL, "inbox", { format: services.config.LOG_FORMAT, file: services.config.LOG_FILE });
      const signal = untilSignal();
      const watcher = await InboxWatcher.start(services, { directory: options.dir, unitCode: options.unit, settleMs: options.settleMs, rescanMs: options.rescanMs, heartbeatMs: options.heartbeatMs, csvFormat: options.csvFormat, maxAttempts: options.maxAttempts, logger });
      const received = await signal;
      return { ...(await watcher.stop()), signal: received };
    },
  },
};
