// fast-check generators of hostile input for the fuzz test: text with NUL,
// lone surrogates and injection shapes, out-of-range dates and numbers,
// prototype keys, deep nesting, broken percent-escapes, mismatched encodings.
import fc from "fast-check";

const NASTY_TEXT = [
  "\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ufffe", "\u202e", "0000-01-01", "9999-12-31", "1899-12-31", "2026-02-30",
  "0000-01-01T00:00:00Z", "275760-09-13T00:00:00Z", "-1", "1e400", "NaN", "Infinity", "' OR 1=1 --", "%00", "../../etc/passwd",
  "__proto__", "constructor", "------------------------------------", "0123456789abcdef0123456789abcdef0123", "", " ", "x".repeat(5_000),
];

const NASTY_DATES = ["0000-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1899-12-31", "2101-01-01T00:00:00+14:00"];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_DATES) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((text) => `${text}\u0000`) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => `a${String.fromCharCode(code)}b`) },
);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 1.5, null, true, false) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
);

const hostileKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "a\u0000", "\ud800", ""), fc.string({ maxLength: 8 }));

/** JSON-ish values a few levels deep, with hostile keys and leaves. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileScalar,
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie("node"), { maxKeys: 4 }),
  ),
})).node;

/** A valid document with one field (dotted path) replaced by a hostile value. */
export function mutated(valid: Record<string, unknown>, paths: readonly string[]): fc.Arbitrary<unknown> {
  return fc.record({ path: fc.constantFrom(...paths), value: fc.oneof(hostileScalar, hostileJson) }).map(({ path, value }) => {
    const copy = structuredClone(valid);
    const parts = path.split(".");
    let node: Record<string, unknown> = copy;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === null || typeof next !== "object") node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
    return copy;
  });
}

export interface RawBody {
  contentType: string;
  body: Buffer;
  contentEncoding?: string;
}

const asBody = (text: string, contentType = "application/json"): RawBody => ({ contentType, body: Buffer.from(text) });

/** Bodies as bytes on the wire: JSON of hostile values, junk, deep nesting, invalid UTF-8, lying encodings. */
export function hostileBody(document: fc.Arbitrary<unknown>): fc.Arbitrary<RawBody> {
  return fc.oneof(
    { weight: 6, arbitrary: document.map((value) => asBody(JSON.stringify(value) ?? "null")) },
    { weight: 2, arbitrary: hostileJson.map((value) => asBody(JSON.stringify(value) ?? "null")) },
    { weight: 1, arbitrary: fc.integer({ min: 65, max: 20_000 }).map((depth) => asBody(`${"[".repeat(depth)}${"]".repeat(depth)}`)) },
    { weight: 1, arbitrary: fc.integer({ min: 65, max: 5_000 }).map((depth) => asBody(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ contentType: "application/json", body: Buffer.from(bytes) })) },
    { weight: 1, arbitrary: document.map((value) => ({ contentType: "application/json", body: Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(`","y":${JSON.stringify(value) ?? "null"}}`)]) })) },
    { weight: 1, arbitrary: fc.tuple(document, fc.constantFrom("gzip", "deflate", "br", "compress", "gzip, br", "identity, gzip", "x")).map(([value, encoding]) => ({ ...asBody(JSON.stringify(value) ?? "null"), contentEncoding: encoding })) },
    { weight: 1, arbitrary: fc.tuple(hostileText, fc.constantFrom("text/plain", "text/csv", "application/json; charset=latin1", "application/json; charset=utf-16", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded")).map(([text, type]) => asBody(text, type)) },
  );
}

/** Percent-encoded; a lone surrogate cannot be (raw escapes such as %ED%A0%80 stand for it). */
const encoded = (text: string) => encodeURIComponent(text.replace(/\p{Cs}/gu, "x"));

const ESCAPES = ["%00", "%E0%A4%A", "%", "%ZZ", "%C0%AF", "%ED%A0%80", "%FF", "%2e%2e", "a%00b"];

/** A query string: known and unknown keys, hostile values, sometimes raw broken escapes or nested brackets. */
export function hostileQuery(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys, "cursor", "limit", "from", "to") }, { weight: 1, arbitrary: fc.constantFrom("__proto__[x]", "a[b][c][d][e][f][g]", "x[]", "constructor[prototype][y]") });
  const value = fc.oneof(
    { weight: 4, arbitrary: hostileText.map(encoded) },
    { weight: 3, arbitrary: fc.constantFrom("0000-01-01", "0000-06-15", "9999-12-31", "1899-12-31") },
    { weight: 2, arbitrary: fc.constantFrom(...ESCAPES) },
  );
  const many = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));
  // Mostly one of the route's own keys alone: a second bad key would hide the first behind a 400.
  if (keys.length === 0) return many;
  const one = fc.tuple(fc.constantFrom(...keys), value).map(([k, v]) => `${k}=${v}`);
  return fc.oneof({ weight: 3, arbitrary: one }, { weight: 1, arbitrary: many });
}

/** A path parameter: usually the real sample value, otherwise hostile. */
export function hostileParam(sample: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(encodeURIComponent(sample)) },
    { weight: 2, arbitrary: fc.constantFrom(...ESCAPES, "..", "0", "-1", "99999999999999999999", "00000000-0000-0000-0000-000000000000", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz") },
    { weight: 2, arbitrary: hostileText.map(encoded) },
  );
}

/** Header values a client can put on the wire (printable ASCII). */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", " ", "x".repeat(300), "0000-01-01", "' OR 1=1 --", "\\u0000", "%00"),
  fc.string({ unit: "binary-ascii", maxLength: 60 }).map((text) => text.replace(/[^\x20-\x7e]/g, "")),
);
