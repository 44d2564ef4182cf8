// Bearer tokens: `pcu_<lookup>_<secret>`. The lookup part finds the row; the
// secret is stored only as a SHA-256 hash and compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN = /^pcu_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewToken {
  /** Shown to the user once, never stored. */
  token: string;
  lookupId: string;
  secretHash: string;
}

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function generateToken(): NewToken {
  const lookupId = randomBytes(9).toString("base64url").replace(/[-_]/g, "x").slice(0, 12);
  const secret = randomBytes(32).toString("base64url");
  return { token: `pcu_${lookupId}_${secret}`, lookupId, secretHash: hashSecret(secret) };
}

export function parseToken(token: string): { lookupId: string; secret: string } | null {
  const match = TOKEN.exec(token);
  return match ? { lookupId: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
