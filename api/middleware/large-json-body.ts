// The manifest route's body reader. A 15,000-container manifest is some 15 MB
// of JSON, and body-parser reads it into a fresh 15 MB buffer (Buffer.concat)
// and decodes that into a fresh 15 MB string. On the virtual machines we
// measure on, a page touched for the first time costs some 10-15 us: the two
// blocks cost about 7,000 page faults and 80-100 ms before the answer (the
// process's malloc keeps freed memory, but a request's buffer is freed only
// when a full GC finds it). This reader copies the body into a kept buffer
// (core/kept-buffers.ts; the first large body is gathered as body-parser
// does, and its buffer then kept), and decodes an ASCII body (most manifests)
// as latin1, the same text, which Node copies into malloc'd memory as an
// external string: memory the last body's string gave back once collected,
// ~2 ms instead of ~40 for a fresh V8 string. The result is exactly what
// express.json gives, with the same errors; any request this reader does not
// expect (another charset, a Content-Encoding, no Content-Length) is
// body-parser's.
import { isAscii, isUtf8 } from "node:buffer";
import type { IncomingMessage } from "node:http";
import type { Request, RequestHandler } from "express";
import { giveBack, takeKeptBuffer } from "../../core/kept-buffers.js";
import { invalidUtf8Body, jsonBody } from "./request-body.js";

/** An error shaped like body-parser's, so api/http-errors.ts answers it the same way. */
function bodyError(type: string, status: number, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { type, status, expose: true }, extra);
}

/** UTF-8 JSON sent as is with its length: what every carrier's system and our own clients send. */
function contentLengthOfPlainJson(req: Request): number | undefined {
  if (req.is("application/json") !== "application/json") return undefined;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get("content-type") ?? "")?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") return undefined;
  const encoding = req.get("content-encoding");
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") return undefined;
  const length = req.get("content-length");
  return length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : undefined;
}

/**
 * The body's bytes, `length` of them: copied into `kept` as they arrive, else gathered and joined at the end, so
 * that what is allocated follows what was received, not what Content-Length announced (a client that announces
 * 40 MB and sends a few bytes costs a few bytes). Rejects when the client stops sending first.
 */
function readBody(req: IncomingMessage, length: number, kept: Buffer | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = (error: Error) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      // Node's parser never delivers more than Content-Length; this guards the copy regardless.
      if (received + chunk.length > length) return stop(bodyError("request.size.invalid", 400, "request size did not match content length", { expected: length, length: received + chunk.length }));
      if (kept) chunk.copy(kept, received);
      else chunks.push(chunk);
      received += chunk.length;
    };
    const onEnd = () => {
      req.off("close", onClose);
      if (received === length) resolve(kept ?? Buffer.concat(chunks, length));
      else reject(bodyError("request.size.invalid", 400, "request size did not match content length", { expected: length, length: received }));
    };
    const onClose = () => stop(bodyError("request.aborted", 400, "request aborted", { expected: length, length: received }));
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onClose);
    req.once("error", (error) => stop(error));
  });
}

/** The text of a body already known to be UTF-8 (see the header), without a byte order mark, as body-parser's decoder drops it. */
function decode(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString("latin1");
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** express.json's strict parse: an object or array, `{}` for an empty body, body-parser's error type otherwise. */
function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  const first = /\S/.exec(text)?.[0];
  if (first !== "{" && first !== "[") throw bodyError("entity.parse.failed", 400, `expected an object or an array, found ${first === undefined ? "only white space" : JSON.stringify(first)}`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bodyError("entity.parse.failed", 400, (error as Error).message);
  }
}

/** The parsed body in the first `length` bytes of `buffer`; the buffer is given back once decoded (a copy). */
function bodyOf(buffer: Buffer, length: number): unknown {
  let text: string;
  try {
    const bytes = buffer.subarray(0, length);
    if (!isAscii(bytes) && !isUtf8(bytes)) throw invalidUtf8Body();
    text = decode(bytes);
  } finally {
    giveBack(buffer);
  }
  return parseStrict(text);
}

/**
 * `jsonBody(limit, { walk: false })` for a route whose bodies are large: the same body and errors, read into a kept
 * buffer. Not walked: the route checks the body before use (see jsonBody).
 */
export function largeJsonBody(limit: number): RequestHandler {
  const general = jsonBody(limit, { walk: false });
  return (req, res, next) => {
    const length = contentLengthOfPlainJson(req);
    if (length === undefined || length === 0) return general(req, res, next);
    if (length > limit) return next(bodyError("entity.too.large", 413, "request entity too large", { expected: length, length, limit }));
    const kept = takeKeptBuffer(length);
    readBody(req, length, kept)
      .then(
        // bodyOf gives the buffer back: a kept one, or a large body's own, which is then kept for the next.
        (buffer) => bodyOf(buffer, length),
        (error: unknown) => {
          if (kept) giveBack(kept);
          throw error;
        },
      )
      .then((body) => {
        req.body = body;
        next();
      }, next);
  };
}
