// Issue 15: readable log lines at a terminal, JSON lines in production (not a
// TTY), and LOG_FILE to keep `npm start`'s output for the sign-in banner.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parseConfig } from "../../core/config.js";
import { chooseLogDestination } from "../../core/log-destination.js";
import { createLogger } from "../../core/logger.js";
import { waitFor } from "../helpers/wait-for.js";

const dir = mkdtempSync(path.join(tmpdir(), "pc-logs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("chooseLogDestination", () => {
  test("auto: readable lines at a terminal, JSON when stdout is not a TTY", () => {
    expect(chooseLogDestination({ format: "auto", stdoutIsTty: true })).toEqual({ format: "pretty", target: "stdout" });
    expect(chooseLogDestination({ format: "auto", stdoutIsTty: false })).toEqual({ format: "json", target: "stdout" });
  });

  test("an explicit format wins over the terminal check", () => {
    expect(chooseLogDestination({ format: "json", stdoutIsTty: true })).toEqual({ format: "json", target: "stdout" });
    expect(chooseLogDestination({ format: "pretty", stdoutIsTty: false })).toEqual({ format: "pretty", target: "stdout" });
  });

  test("LOG_FILE takes the logs off stdout, as JSON unless pretty is asked for", () => {
    expect(chooseLogDestination({ format: "auto", file: "/var/log/pc.log", stdoutIsTty: true })).toEqual({ format: "json", target: { file: "/var/log/pc.log" } });
    expect(chooseLogDestination({ format: "pretty", file: "/var/log/pc.log", stdoutIsTty: false })).toEqual({
      format: "pretty",
      target: { file: "/var/log/pc.log" },
    });
  });

  test("the configuration defaults to auto and refuses an unknown format, naming the setting", () => {
    const base = { DATABASE_URL: "postgres://u@127.0.0.1:5432/db" };
    expect(parseConfig(base).LOG_FORMAT).toBe("auto");
    expect(parseConfig(base).LOG_FILE).toBeUndefined();
    expect(() => parseConfig({ ...base, LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/);
  });
});

describe("createLogger with LOG_FILE", () => {
  test("JSON lines are appended to the file", async () => {
    const file = path.join(dir, "json.log");
    createLogger("info", "t", { format: "auto", file }).info({ n: 1 }, "hello json");
    // The file destination writes asynchronously (as the API does under load).
    const text = await waitFor(() => Promise.resolve(existsSync(file) ? readFileSync(file, "utf8").trim() : ""), { timeoutMs: 5_000, what: "the log file" });
    const line = JSON.parse(text) as { msg: string; n: number; name: string };
    expect(line).toMatchObject({ msg: "hello json", n: 1, name: "t" });
  });

  test("pretty lines (pino-pretty loads at run time) are readable, not JSON, and uncoloured in a file", () => {
    const file = path.join(dir, "pretty.log");
    createLogger("info", "t", { format: "pretty", file }).info({ n: 2 }, "hello pretty");
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/INFO.*\(t\/\d+\): hello pretty/);
    expect(text).not.toContain("\u001b[");
    expect(() => JSON.parse(text.split("\n")[0] ?? "")).toThrow();
  });
});
