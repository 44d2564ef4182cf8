// Bytes of an interchange to text. UNOA/UNOB are ASCII and UNOY is UTF-8;
// UNOC is ISO 8859-1, which is not valid UTF-8 as soon as it holds an accented
// letter: strict UTF-8 first, Latin-1 when that fails (every byte is a
// Latin-1 character, so nothing is lost and junk is left for the parser to name).
const utf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeInterchange(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  }
}
