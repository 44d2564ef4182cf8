// `npm run cli -- audit archive|partitions`: audit-trail maintenance, run as
// the owner role through DATABASE_ADMIN_URL (refused for the application role).
import os from "node:os";
import { z } from "zod";
import { AuditMaintenanceRefused, archiveAuditPartitions, connectAsOwner, ensureAuditPartitions } from "../core/audit/audit-partitions.js";
import type { Services } from "../core/services.js";
import { CliError, parseWith } from "./cli-args.js";

type Command = { usage: string; run: (services: Services, flags: Record<string, string[]>) => Promise<unknown> };

/** A refusal is a plain message on stderr (exit 1), not a stack trace. */
const refusalsAsCliErrors = <T>(work: Promise<T>): Promise<T> =>
  work.catch((error: unknown) => {
    throw error instanceof AuditMaintenanceRefused ? new CliError(error.message) : error;
  });

const archiveFlags = z.strictObject({
  olderThanMonths: z.coerce.number().int().min(1).max(1_200),
  out: z.string().min(1),
});

export const AUDIT_COMMANDS: Record<string, Command> = {
  "audit archive": {
    usage: "[--older-than-months 24 (AUDIT_RETENTION_MONTHS)] [--out ./audit-archive]",
    run: (services, f) => {
      const flags = parseWith(archiveFlags, {
        olderThanMonths: f["older-than-months"]?.[0] ?? services.config.AUDIT_RETENTION_MONTHS,
        out: f.out?.[0] ?? "audit-archive",
      });
      return refusalsAsCliErrors(
        archiveAuditPartitions({
          adminUrl: services.config.DATABASE_ADMIN_URL,
          retentionMonths: flags.olderThanMonths,
          outDir: flags.out,
          actorName: `cli:${os.userInfo().username}`,
        }),
      );
    },
  },
  "audit partitions": {
    usage: "[--months-ahead 12]: create the coming months' audit partitions",
    run: async (services, f) => {
      const monthsAhead = parseWith(z.coerce.number().int().min(0).max(120), f["months-ahead"]?.[0] ?? 12, "--months-ahead");
      const client = await refusalsAsCliErrors(connectAsOwner(services.config.DATABASE_ADMIN_URL));
      try {
        return { partitions: await ensureAuditPartitions(client, monthsAhead) };
      } finally {
        await client.end();
      }
    },
  },
};
