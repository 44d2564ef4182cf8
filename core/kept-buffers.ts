// Large buffers kept for the next request that needs one. On the virtual
// machines we measure on, a page touched for the first time costs some
// 10-15 us, and a request's freed buffer goes back to malloc only when a full
// GC finds it: a 15,000-container manifest's body (15 MB) and its canonical
// JSON (15 MB) each cost ~3,500 page faults and 40-60 ms when read or written
// into fresh memory, against 1-2 ms into a buffer kept from the last one.
// Two are kept (the body, then the canonical JSON of the same request reuse
// the same one; a second request in parallel gets the other), at most the
// size of the largest taken.

/** Buffers kept at most, and the size from which a buffer is kept (smaller ones come from Node's own pool). */
const KEPT = 2;
export const KEEP_FROM_BYTES = 1024 * 1024;

const spare: Buffer[] = [];

/** A kept buffer of at least `size` bytes (content undefined), or undefined when none is free: nothing is allocated. */
export function takeKeptBuffer(size: number): Buffer | undefined {
  const fits = size < KEEP_FROM_BYTES ? -1 : spare.findIndex((buffer) => buffer.length >= size);
  return fits >= 0 ? spare.splice(fits, 1)[0]! : undefined;
}

/** A buffer of at least `size` bytes, its content undefined: a kept one when one is large enough. */
export function takeBuffer(size: number): Buffer {
  return takeKeptBuffer(size) ?? (size < KEEP_FROM_BYTES ? Buffer.allocUnsafe(size) : Buffer.allocUnsafeSlow(size));
}

/** Done with `buffer` (nothing may read or write it after this): kept when it is among the largest. */
export function giveBack(buffer: Buffer): void {
  if (buffer.length < KEEP_FROM_BYTES || spare.includes(buffer)) return;
  spare.push(buffer);
  spare.sort((a, b) => b.length - a.length);
  spare.length = Math.min(spare.length, KEPT);
}
