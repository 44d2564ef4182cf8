// How `npm start` runs the API and worker processes it forks (cli/service-process-env.ts), and the compose
// file's worker service, which starts a worker without it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVICE_NODE_FLAGS, SERVICE_PROCESS_DEFAULTS, serviceExecArgv, serviceProcessEnv } from "../../cli/service-process-env.js";

describe("the service processes' environment and node flags", () => {
  it("limits glibc's malloc to two arenas, and keeps blocks up to 64 MB and 128 MB freed in them for reuse", () => {
    expect(serviceProcessEnv({ PATH: "/usr/bin" })).toMatchObject({ PATH: "/usr/bin", MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "67108864", MALLOC_TRIM_THRESHOLD_: "134217728" });
  });

  it("keeps an operator's own allocator setting", () => {
    expect(serviceProcessEnv({ MALLOC_ARENA_MAX: "4" }).MALLOC_ARENA_MAX).toBe("4");
  });

  it("never passes the admin database URL on", () => {
    const env = serviceProcessEnv({ DATABASE_URL: "postgresql://app@db/p", DATABASE_ADMIN_URL: "postgresql://postgres@db/p" });
    expect(env.DATABASE_URL).toBe("postgresql://app@db/p");
    expect(env).not.toHaveProperty("DATABASE_ADMIN_URL");
  });

  it("fixes the young generation's size, after the parent's own flags (tsx's loader)", () => {
    expect(serviceExecArgv(["--import", "tsx"])).toEqual(["--import", "tsx", "--min-semi-space-size=16", "--max-semi-space-size=16"]);
  });

  it("gives the compose file's worker service the same flags and allocator setting", () => {
    const compose = readFileSync(new URL("../../docker-compose.yml", import.meta.url), "utf8");
    const worker = compose.slice(compose.indexOf("\n  worker:"));
    for (const flag of SERVICE_NODE_FLAGS) expect(worker).toContain(`"${flag}"`);
    for (const [name, value] of Object.entries(SERVICE_PROCESS_DEFAULTS)) expect(worker).toContain(`${name}: "${value}"`);
  });
});
