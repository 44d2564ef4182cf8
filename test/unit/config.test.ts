import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "../../core/config.js";
import { childEntry } from "../helpers/child-entry.js";

describe("configuration", () => {
  test("local defaults when nothing is set", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: "postgresql://portcullis_app@127.0.0.1:5432/portcullis",
      DATABASE_ADMIN_URL: "postgresql://postgres@127.0.0.1:5432/portcullis",
      AUDIT_RETENTION_MONTHS: 24,
      REDIS_URL: "redis://127.0.0.1:6379",
      PORT: 3000,
      MANIFEST_BODY_LIMIT: 40 * 1024 * 1024,
      CORS_ORIGINS: [],
    });
    expect(config.WORKER_COUNT).toBeGreaterThan(0);
  });

  test("the admin URL defaults to DATABASE_URL's server and database as postgres, and can be set", () => {
    expect(parseConfig({ DATABASE_URL: "postgresql://portcullis_app:s3cret@db.internal:6543/pcu" }).DATABASE_ADMIN_URL).toBe("postgresql://postgres@db.internal:6543/pcu");
    expect(parseConfig({ DATABASE_ADMIN_URL: "postgresql://admin:x@db/pcu" }).DATABASE_ADMIN_URL).toBe("postgresql://admin:x@db/pcu");
    expect(() => parseConfig({ DATABASE_ADMIN_URL: "mysql://x" })).toThrow(/DATABASE_ADMIN_URL=/);
  });

  test("sizes, lists and numbers are parsed", () => {
    const config = parseConfig({ MANIFEST_BODY_LIMIT: "5mb", CORS_ORIGINS: "https://a.example, https://b.example", WORKER_COUNT: "3" });
    expect(config.MANIFEST_BODY_LIMIT).toBe(5 * 1024 * 1024);
    expect(config.CORS_ORIGINS).toEqual(["https://a.example", "https://b.example"]);
    expect(config.WORKER_COUNT).toBe(3);
  });

  test.each([
    ["PORT", "http"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://root@localhost/x"],
    ["REDIS_URL", "localhost:6379"],
    ["MANIFEST_BODY_LIMIT", "lots"],
    ["LOG_LEVEL", "loud"],
    ["WORKER_CONCURRENCY", "0"],
    ["CORS_ORIGINS", "not a url"],
  ])("a wrong %s (%s) is refused with a message naming it", (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  test("every wrong variable is named at once", () => {
    try {
      parseConfig({ PORT: "x", LOG_LEVEL: "y" });
      expect.fail("should throw");
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT="x"/);
      expect((error as Error).message).toMatch(/LOG_LEVEL="y"/);
    }
  });

  test("the API process refuses to start on a wrong value, naming it", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const run = spawnSync(process.execPath, childEntry("api/server.ts"), {
      cwd: root,
      env: { ...process.env, PORT: "not-a-port" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Invalid configuration/);
    expect(run.stderr).toMatch(/PORT="not-a-port"/);
  });
});
