// `manifests retry-expansion --id MANIFEST`: an operator's retry of a staged
// manifest whose expansion was marked failed (or is still expanding): its
// attempts are reset, audited as the operating-system user, and its
// expansion is enqueued again for the workers (core/manifests/expansion-failures.ts).
import os from "node:os";
import { z } from "zod";
import { retryExpansion } from "../core/manifests/expansion-failures.js";
import type { Services } from "../core/services.js";
import { parseWith } from "./cli-args.js";

export const MANIFEST_COMMANDS: Record<string, { usage: string; run: (services: Services, flags: Record<string, string[]>, args: string[]) => Promise<unknown> }> = {
  "manifests retry-expansion": {
    usage: "--id <manifest id>   (a staged manifest marked failed: resets its attempts and enqueues its expansion for the workers)",
    run: async (services, f) => {
      const manifestId = parseWith(z.uuid("expected a manifest id"), f.id?.[0], "--id");
      const retried = await retryExpansion(services, manifestId, { name: `cli:${os.userInfo().username}` });
      // Not enqueued (Redis unreachable): the reconciler re-enqueues it after its grace period, since it is no longer failed.
      if (!retried.enqueued) process.exitCode = 1;
      return retried;
    },
  },
};
