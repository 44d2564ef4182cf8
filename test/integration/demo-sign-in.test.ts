// Issue 15, item 1: after `npm ci && npm start` a newcomer signs in to the web
// application with what the start-up banner printed. The demo data is loaded
// into a database of its own with the function `npm start` calls, the banner
// is formatted as `npm start` prints it, and a user name and password read
// back from that text sign in through POST /v1/session.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { formatFirstStartBanner, formatLaterStartBanner } from "../../core/demo/demo-banner.js";
import { loadDemoDataIfEmpty } from "../../core/demo/load-demo-data.js";
import { signIn, workerBrowser } from "../e2e/harness.js";
import { runCli } from "../helpers/run-cli.js";
import { createExtraDatabase } from "../helpers/test-databases.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";

const URL_SHOWN = "http://127.0.0.1:3000";

let database: Awaited<ReturnType<typeof createExtraDatabase>>;
let services: TestServices;
let app: ReturnType<typeof createApp>;
let banner: string;
let loadedAt: Date;

/** The password and token columns of a user's row, found by the header's column positions. */
function credentialsFromBanner(text: string, username: string): { password: string; token: string } {
  const lines = text.split("\n");
  const header = lines.find((line) => /^\s+user\s+roles\s+password\s+API token$/.test(line));
  const row = lines.find((line) => line.startsWith(`  ${username} `));
  if (!header || !row) throw new Error(`no row for ${username} in the banner:\n${text}`);
  const password = row.slice(header.indexOf("password"), header.indexOf("API token")).trim();
  const token = row.slice(header.indexOf("API token")).trim();
  return { password, token };
}

beforeAll(async () => {
  // An empty database, as on a fresh install: the loader only runs when there are no units.
  database = await createExtraDatabase("demo");
  services = createTestServices({ DATABASE_URL: database.appUrl, DATABASE_ADMIN_URL: database.adminUrl });
  app = createApp(services);
  loadedAt = services.now();
  const loaded = await loadDemoDataIfEmpty(services);
  if (!loaded) throw new Error("the demo data was not loaded into an empty database");
  banner = formatFirstStartBanner(URL_SHOWN, loaded.users);
}, 120_000);
afterAll(async () => {
  await services.dispose();
  await database.drop();
});

describe("the first start's banner", () => {
  test("names the URL, every demo user with a password and a token, and how to sign in", () => {
    expect(banner).toContain(`Portcullis is ready at ${URL_SHOWN}`);
    expect(banner).toMatch(/Sign in: open http:\/\/127\.0\.0\.1:3000 in a browser/);
    for (const username of ["admin", "officer.gye", "officer.anr", "analyst.anr", "officer.rtm", "manager.ccp"]) {
      const { password, token } = credentialsFromBanner(banner, username);
      expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(token.length).toBeGreaterThan(20);
    }
  });

  test("a printed user name and password sign in to the web application, and the printed token reaches the API", async () => {
    const { password, token } = credentialsFromBanner(banner, "officer.anr");
    const session = await request(app).post("/v1/session").send({ username: "officer.anr", password });
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({ username: "officer.anr", passwordChangeRequired: true });
    const auth = { Authorization: `Bearer ${session.body.token}` };
    const me = await request(app).get("/v1/me").set(auth);
    expect(me.status).toBe(200);
    expect(me.body.passwordChangeRequired).toBe(true);
    // The printed password is for the first sign-in only: the session does nothing else until the user chooses one.
    const blocked = await request(app).get("/v1/units/BEANR/shipments").set(auth);
    expect(blocked.status).toBe(403);
    expect(blocked.body.passwordChangeRequired).toBe(true);
    const own = "harbour lantern copper seventeen";
    expect((await request(app).post("/v1/me/password").set(auth).send({ currentPassword: password, newPassword: own })).status).toBe(200);
    expect((await request(app).get("/v1/units/BEANR/shipments").set(auth)).status).toBe(200);
    expect((await request(app).post("/v1/session").send({ username: "officer.anr", password })).status).toBe(401);
    expect((await request(app).post("/v1/session").send({ username: "officer.anr", password: own })).body.passwordChangeRequired).toBe(false);
    const withToken = await request(app).get("/v1/units/BEANR/shipments?flagged=true").set("Authorization", `Bearer ${token}`);
    expect(withToken.status).toBe(200);
  });

  test("the passwords are random and stored only as hashes", async () => {
    const a = credentialsFromBanner(banner, "admin").password;
    const b = credentialsFromBanner(banner, "manager.ccp").password;
    expect(a).not.toBe(b);
    const stored = await services.pool.query<{ password_hash: string }>("SELECT password_hash FROM app_user WHERE username = 'admin'");
    expect(stored.rows[0]?.password_hash).toMatch(/^scrypt\$/);
    expect(stored.rows[0]?.password_hash).not.toContain(a);
  });
});

describe("the first start's triage boards", () => {
  test("every maritime unit's officer sees a demo voyage arriving (or, for an export, departing) within the next 72 hours, whatever the day of the load", async () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const until = day(new Date(loadedAt.getTime() + 72 * 3_600_000));
    for (const [username, unitCode] of [["officer.gye", "ECGYE"], ["officer.anr", "BEANR"], ["officer.rtm", "NLRTM"]] as const) {
      const { token } = credentialsFromBanner(banner, username);
      const board = await request(app).get(`/v1/units/${unitCode}/queue/voyages`).set("Authorization", `Bearer ${token}`);
      expect(board.status).toBe(200);
      expect(board.body.withinHours).toBe(72);
      // The board's day: the arrival, or the departure of an export leaving the unit's own port (Guayaquil's demo voyage).
      const days = (board.body.items as { date: string; direction: string }[]).map((v) => v.date);
      expect(days.filter((d) => d >= day(loadedAt) && d <= until), `${unitCode}: ${days.join(", ")}`).not.toHaveLength(0);
    }
  });
});

describe("in the browser (Chromium)", () => {
  test("a newcomer signs in with a printed demo user: the admin lands on the admin overview, an officer on the unit's queue", async () => {
    const server = app.listen(0, "127.0.0.1");
    // The test worker's browser (shared with the browser test files it runs) starts or is found while the server binds.
    const [browser] = await Promise.all([
      workerBrowser(),
      new Promise<void>((resolve) => server.once("listening", () => resolve())),
    ]);
    const pages: Page[] = [];
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const admin = await browser.newPage();
      pages.push(admin);
      const printed = credentialsFromBanner(banner, "admin").password;
      await signIn(admin, baseUrl, "admin", printed);
      // The printed password is one-time: the newcomer chooses their own, then lands where their role belongs.
      await admin.getByRole("heading", { name: "Choose your password" }).waitFor();
      await admin.getByLabel("One-time or current password").fill(printed);
      await admin.getByLabel("New password", { exact: true }).fill("admin chooses a long passphrase");
      await admin.getByLabel("New password again").fill("admin chooses a long passphrase");
      await admin.getByRole("button", { name: "Save and continue" }).click();
      await admin.waitForURL(`${baseUrl}/admin`);
      await admin.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
      const units = admin.getByRole("table", { name: "Control units" }).getByRole("rowheader");
      await units.first().waitFor();
      expect(await units.allTextContents()).toEqual(expect.arrayContaining(["BEANR", "ECGYE", "NLRTM"]));
      expect(await admin.getByText(/not found/).count()).toBe(0);
      const officer = await browser.newPage();
      pages.push(officer);
      // officer.anr chose a password in the API test above.
      await signIn(officer, baseUrl, "officer.anr", "harbour lantern copper seventeen");
      await officer.waitForURL(`${baseUrl}/units/BEANR/queue`);
      await officer.getByRole("heading", { level: 1 }).waitFor();
      expect(await officer.getByText(/not found|does not exist/).count()).toBe(0);
    } finally {
      // Each page has a context of its own: closing them leaves the shared browser as it was.
      await Promise.all(pages.map((page) => page.context().close()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 90_000);
});

describe("a later start", () => {
  test("loads nothing again and prints no password, only how to reset one", async () => {
    expect(await loadDemoDataIfEmpty(services)).toBeNull();
    const later = formatLaterStartBanner(URL_SHOWN);
    expect(later).not.toContain(credentialsFromBanner(banner, "admin").password);
    expect(later).toContain("users set-password --username <user> --password-stdin");
  });

  test("`users set-password` resets a demo user's password: the new one signs in, the old one and the old session no longer work", async () => {
    const old = credentialsFromBanner(banner, "analyst.anr").password;
    const session = await request(app).post("/v1/session").send({ username: "analyst.anr", password: old });
    expect(session.status).toBe(201);
    const env = { DATABASE_URL: database.appUrl, DATABASE_ADMIN_URL: database.adminUrl, QUEUE_PREFIX: services.config.QUEUE_PREFIX };
    const fresh = "a fresh password for the analyst";
    const cli = await runCli(["users", "set-password", "--username", "analyst.anr", "--password-stdin"], { env, stdin: `${fresh}\n` });
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ username: "analyst.anr", password: "set", sessionsRevoked: 1 });
    expect((await request(app).post("/v1/session").send({ username: "analyst.anr", password: old })).status).toBe(401);
    expect((await request(app).post("/v1/session").send({ username: "analyst.anr", password: fresh })).status).toBe(201);
    expect((await request(app).get("/v1/me").set("Authorization", `Bearer ${session.body.token}`)).status).toBe(401);
    const audit = await services.pool.query<{ row: string }>("SELECT row_to_json(a)::text AS row FROM audit_event a WHERE action = 'user.password_set'");
    expect(audit.rowCount).toBe(1);
    expect(audit.rows[0]?.row).toContain('"actor_name":"cli:');
    expect(audit.rows[0]?.row).not.toContain(fresh);
  }, 60_000);

  test("the README's `users create` examples run as they are on the demo data", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const examples = readme.split("\n").filter((line) => line.startsWith("npm run -s cli -- users create "));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const env = { DATABASE_URL: database.appUrl, DATABASE_ADMIN_URL: database.adminUrl };
    // The examples create different users: they run side by side (each CLI start is seconds of module loading).
    const results = await Promise.all(
      examples.map(async (example) => {
        // Shell words: double-quoted ones keep their spaces; a trailing comment is dropped.
        const words = [...example.replace(/\s+#.*$/, "").matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
        const result = await runCli(words.slice(5), { env }); // after "npm run -s cli --"
        return { example, stderr: result.stderr, code: result.code };
      }),
    );
    expect(results).toEqual(examples.map((example) => ({ example, stderr: "", code: 0 })));
  }, 60_000);

  test("`users set-password` refuses a short password and an unknown user, naming the problem", async () => {
    const env = { DATABASE_URL: database.appUrl, DATABASE_ADMIN_URL: database.adminUrl };
    // Two refusals that change nothing: run side by side.
    const [short, unknown] = await Promise.all([
      runCli(["users", "set-password", "--username", "admin", "--password-stdin"], { env, stdin: "short\n" }),
      runCli(["users", "set-password", "--username", "nobody.here", "--password-stdin"], { env, stdin: "long enough password\n" }),
    ]);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/password.*at least 12 characters/);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/user nobody\.here not found/);
  }, 60_000);
});
