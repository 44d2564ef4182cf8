import { createHash } from "node:crypto";
import { hashManifestJson } from "./manifest-json-pieces.js";
import type { ManifestInput } from "./manifest-schema.js";

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return inner;
  });
}

/** Of a text (hashed as UTF-8) or of its UTF-8 bytes: the same digest either way. */
export const sha256 = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

export const contentHash = (value: unknown) => sha256(canonicalJson(value));

/**
 * Hash of a manifest as parsed by its schema: zod emits keys in schema order
 * and sorts the free attributes, so plain JSON is already canonical here, and
 * 6x cheaper than canonicalJson on a 15,000-container manifest. Written a few
 * shipments at a time (manifest-json-pieces.ts), as the JSON ingest does: the
 * same digest as of the whole text, without a 15 MB string and buffer.
 */
export const parsedManifestHash = (manifest: ManifestInput) => hashManifestJson(manifest);
