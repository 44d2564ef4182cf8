// `npm run cli -- shipments archive`: a unit's shipments older than the months
// kept live (SHIPMENT_RETENTION_MONTHS, or --before) written to a gzip
// JSON-lines file and deleted (core/shipments/archive-shipments.ts).
import os from "node:os";
import { z } from "zod";
import { archiveShipments, retentionCutoff } from "../core/shipments/archive-shipments.js";
import type { Services } from "../core/services.js";
import { CliError, parseWith } from "./cli-args.js";

const archiveFlags = z.strictObject({
  unit: z.string().min(1, "--unit CODE is required"),
  before: z.iso.date("expected a date, YYYY-MM-DD").optional(),
  out: z.string().min(1, "--out FILE is required"),
});

export const SHIPMENT_COMMANDS: Record<string, { usage: string; run: (services: Services, flags: Record<string, string[]>) => Promise<unknown> }> = {
  "shipments archive": {
    usage: "--unit ECGYE --out shipments-ECGYE.jsonl.gz [--before YYYY-MM-DD (default: SHIPMENT_RETENTION_MONTHS back from this month)]",
    run: (services, f) => {
      if (!f.unit?.[0] || !f.out?.[0]) throw new CliError("usage: shipments archive --unit CODE --out FILE [--before YYYY-MM-DD]");
      const flags = parseWith(archiveFlags, { unit: f.unit[0], before: f.before?.[0], out: f.out[0] });
      return archiveShipments(services, {
        unitCode: flags.unit,
        before: flags.before ?? retentionCutoff(services.now(), services.config.SHIPMENT_RETENTION_MONTHS),
        out: flags.out,
        actor: { name: `cli:${os.userInfo().username}` },
      });
    },
  },
};
