// Record ids are UUIDs. A path id that is not one cannot name a record, so
// callers answer 404 (not 400) without asking the database, and leak nothing.
import { randomUUID } from "node:crypto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** A version 4-shaped UUID made of 32 given hex digits (version nibble and variant bits set): repeatable ids from a seed. */
export function uuidV4Shaped(hex: string): string {
  const variant = (8 + (parseInt(hex.charAt(16), 16) & 3)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A version 7 UUID: 48 bits of milliseconds since the epoch, then random bits
 * (those of a v4 UUID, version nibble rewritten). Bulk-loaded rows get ids in
 * roughly ascending order, so the primary key and every index or foreign-key
 * check on them appends near the right edge of the B-tree instead of touching
 * (and, after a checkpoint, logging in full) pages all over it.
 */
export function uuidV7(now: number = Date.now()): string {
  const time = Math.floor(now).toString(16).padStart(12, "0");
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
