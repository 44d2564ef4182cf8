// `npm run cli -- <resource> <verb> [--flags]`: bootstrap a fresh install
// without SQL. Each command calls the same use case as the admin API, audited
// as the operating-system user who ran it.
import os from "node:os";
import { z } from "zod";
import {
  createAgencySchema,
  createTokenSchema,
  createUnitSchema,
  createUserSchema,
  membershipSchema,
} from "../core/admin/admin-schemas.js";
import { createToken, revokeToken } from "../core/admin/manage-tokens.js";
import { createAgency, createUnit } from "../core/admin/manage-units.js";
import { createUser } from "../core/admin/manage-users.js";
import { setPassword, setPasswordSchema } from "../core/admin/set-password.js";
import type { Services } from "../core/services.js";
import { AUDIT_COMMANDS } from "./audit-commands.js";
import { INBOX_COMMANDS } from "./inbox-commands.js";
import { EDIFACT_COMMANDS } from "./edifact-commands.js";
import { MANIFEST_COMMANDS } from "./manifest-commands.js";
import { SHIPMENT_COMMANDS } from "./shipment-commands.js";
import { CliError, parseWith } from "./cli-args.js";

const actor = { name: `cli:${os.userInfo().username}` };

/** `--role officer:ECGYE`, `--role manager:country=EC`, `--role manager:programme=CCP`, `--role admin`. */
export function parseRole(text: string) {
  const [role, scope] = text.split(":", 2);
  const membership: Record<string, string | undefined> = { role };
  if (scope?.startsWith("country=")) membership.country = scope.slice(8);
  else if (scope?.startsWith("programme=")) membership.programme = scope.slice(10);
  else if (scope) membership.unitCode = scope;
  return parseWith(membershipSchema, membership, `--role ${text}`);
}

export const ADMIN_COMMANDS: Record<string, { usage: string; run: (services: Services, flags: Record<string, string[]>, args: string[]) => Promise<unknown> }> = {
  ...AUDIT_COMMANDS,
  ...INBOX_COMMANDS,
  ...EDIFACT_COMMANDS,
  ...MANIFEST_COMMANDS,
  ...SHIPMENT_COMMANDS,
  "agencies create": {
    usage: "--code EC-SENAE --name 'Servicio Nacional de Aduana del Ecuador' --kind customs --country EC",
    run: (services, f) => createAgency(services, parseWith(createAgencySchema, { code: f.code?.[0], name: f.name?.[0], kind: f.kind?.[0], country: f.country?.[0] }), actor),
  },
  "units create": {
    usage: "--code ECGYE --name 'Guayaquil PCU' --kind seaport [--time-zone America/Guayaquil] [--agency EC-SENAE ...]",
    run: (services, f) =>
      createUnit(
        services,
        parseWith(createUnitSchema, {
          code: f.code?.[0],
          name: f.name?.[0],
          kind: f.kind?.[0],
          timeZone: f["time-zone"]?.[0],
          programme: f.programme?.[0],
          agencyCodes: f.agency ?? [],
        }),
        actor,
      ),
  },
  "users create": {
    usage: "--username ana.perez --name 'Ana Pérez' --agency EC-SENAE --role officer:ECGYE [--role analyst:ECGYE] [--password-stdin]",
    run: async (services, f) => {
      const password = f["password-stdin"] ? (await readStdin()).trim() : undefined;
      const input = parseWith(createUserSchema, {
        username: f.username?.[0],
        displayName: f.name?.[0] ?? f.username?.[0],
        agencyCode: f.agency?.[0],
        password,
        memberships: (f.role ?? []).map(parseRole),
      });
      return createUser(services, input, actor);
    },
  },
  "users set-password": {
    usage: "--username ana.perez --password-stdin   (sets or resets the password; ends the user's web sessions)",
    run: async (services, f) => {
      if (!f["password-stdin"]) throw new CliError("--password-stdin: required (the password is read from standard input, never from the command line)");
      const input = parseWith(setPasswordSchema, { username: f.username?.[0], password: (await readStdin()).trim() });
      return setPassword(services, input, actor);
    },
  },
  "tokens create": {
    usage: "--username ana.perez [--name laptop] [--days 90]   (prints the token once)",
    run: async (services, f) => {
      const username = parseWith(z.string().min(1, "required"), f.username?.[0], "--username");
      const user = await services.prisma.user.findUnique({ where: { username } });
      if (!user) throw new CliError(`--username: no user ${username}`);
      const input = parseWith(createTokenSchema, { name: f.name?.[0] ?? "cli", expiresInDays: f.days ? Number(f.days[0]) : undefined });
      return createToken(services, user.id, input, actor);
    },
  },
  "tokens revoke": {
    usage: "--id <token id>",
    run: (services, f) => revokeToken(services, parseWith(z.uuid("expected a token id"), f.id?.[0], "--id"), actor),
  },
};

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}
