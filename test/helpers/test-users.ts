// Users with real tokens for tests, created through the same use cases as the
// admin API and the CLI.
import { randomBytes } from "node:crypto";
import type { MembershipInput } from "../../core/admin/admin-schemas.js";
import { createToken } from "../../core/admin/manage-tokens.js";
import { createAgency } from "../../core/admin/manage-units.js";
import { createUser } from "../../core/admin/manage-users.js";
import type { Services } from "../../core/services.js";

const SYSTEM = { name: "test-setup" };
const suffix = () => randomBytes(4).toString("hex");

export async function createTestAgency(services: Pick<Services, "pool">, country = "BE"): Promise<{ id: string; code: string }> {
  const code = `AG-${suffix().toUpperCase()}`;
  const agency = await createAgency(services, { code, name: `Agency ${code}`, kind: "customs", country }, SYSTEM);
  return { id: agency.id, code };
}

export interface TestUser {
  id: string;
  username: string;
  token: string;
  tokenId: string;
  agencyCode: string;
}

export async function createTestUser(
  services: Pick<Services, "pool" | "now">,
  memberships: MembershipInput[],
  agencyCode?: string,
): Promise<TestUser> {
  const agency = agencyCode ?? (await createTestAgency(services)).code;
  const username = `user-${suffix()}`;
  const user = await createUser(services, { username, displayName: username, agencyCode: agency, memberships }, SYSTEM);
  const token = await createToken(services, user.id, { name: "test", expiresInDays: 1 }, SYSTEM);
  return { id: user.id, username, token: token.token, tokenId: token.id, agencyCode: agency };
}

export const bearer = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });
