// `manifests import FILE.edi --unit CODE`: the same receiveInterchange as the
// HTTP route and the inbox, audited as the operating-system user. Prints the
// outcome with the reply (CONTRL or CUSRES) one segment per line; the exit
// code is 1 when any message was rejected, so scripts notice.
import { readFile } from "node:fs/promises";
import os from "node:os";
import { z } from "zod";
import { decodeInterchange } from "../core/edifact/decode-interchange.js";
import { receiveInterchange } from "../core/edifact/receive-interchange.js";
import type { Services } from "../core/services.js";
import { CliError, parseWith } from "./cli-args.js";

const importFlags = z.object({
  file: z.string({ message: "required: the interchange file, e.g. manifests import CUSCAR.edi --unit BEANR" }).min(1),
  unit: z.string({ message: "required: the unit code" }).regex(/^[A-Za-z0-9-]{2,20}$/, "a unit code such as BEANR"),
});

export const EDIFACT_COMMANDS: Record<string, { usage: string; run: (services: Services, flags: Record<string, string[]>, args: string[]) => Promise<unknown> }> = {
  "manifests import": {
    usage: "FILE.edi --unit CODE   (a UN/EDIFACT CUSCAR interchange; prints the CONTRL or CUSRES reply)",
    run: async (services, f, args) => {
      const flags = parseWith(importFlags, { file: args[0] ?? f.file?.[0], unit: f.unit?.[0] });
      const bytes = await readFile(flags.file).catch((error: NodeJS.ErrnoException) => {
        throw new CliError(`cannot read ${flags.file}: ${error.code ?? error.message}`);
      });
      const result = await receiveInterchange(services, { unitCode: flags.unit, text: decodeInterchange(bytes), actor: { name: `cli:${os.userInfo().username}` }, source: "cli" });
      if (!result.accepted) process.exitCode = 1;
      return {
        controlReference: result.controlReference,
        replyKind: result.replyKind,
        accepted: result.accepted,
        duplicate: result.duplicate,
        messages: result.messages.map((m) => ({ messageReference: m.messageReference, documentNumber: m.documentNumber, status: m.status, shipmentCount: m.shipmentCount, manifestId: m.manifestId, errors: m.errors })),
        errors: result.errors,
        reply: result.reply.trimEnd().split("\n"),
      };
    },
  },
};
