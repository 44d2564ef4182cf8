// Random selection must be reproducible (a re-scored shipment gets the same
// answer, a job run twice agrees with itself) and independent per profile
// version, so it hashes (shipment id, version id) instead of calling a RNG.

/** FNV-1a over both ids with a separator, then murmur3's finaliser for avalanche; in [0, 1). */
export function selectionDraw(shipmentId: string, versionId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < shipmentId.length; i++) {
    h ^= shipmentId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= 0x1f; // unit separator: ("ab","c") and ("a","bc") differ
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < versionId.length; i++) {
    h ^= versionId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}
