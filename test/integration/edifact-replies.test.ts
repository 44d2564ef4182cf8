// CONTRL and CUSRES contents, partial acceptance message by message, hostile
// interchanges answered with errors and nothing stored, and the CLI import.
import { readFileSync } from "node:fs";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { runCli } from "../helpers/run-cli.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/edifact/${name}`, import.meta.url), "latin1");

let services: TestServices;
let unit: TestUnit;
let scratch: string;

beforeAll(async () => {
  services = createTestServices();
  unit = await createTestUnit(services, "NLRTM");
  scratch = mkdtempSync(path.join(os.tmpdir(), "edifact-cli-"));
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await services.dispose();
});

const receive = (text: string) => receiveInterchange(services, { unitCode: unit.code, text, actor: { name: "test" }, source: "http" });
const storedManifests = async () => (await services.pool.query("SELECT manifest_ref FROM manifest WHERE unit_id = $1 ORDER BY manifest_ref", [unit.id])).rows.map((r: { manifest_ref: string }) => r.manifest_ref);

describe("CUSRES: partial acceptance is explicit, message by message", () => {
  test("of two messages the good one is stored and accepted, the bad one rejected with each error at its segment", async () => {
    const result = await receive(fixture("two-messages-one-bad.edi"));
    expect(result).toMatchObject({ replyKind: "CUSRES", accepted: false, controlReference: "CMA0004411" });
    const [good, bad] = result.messages;
    expect(good).toMatchObject({ messageReference: "M1", documentNumber: "CMDU0MX5N1-NLRTM", status: "accepted", shipmentCount: 1, errors: [] });
    expect(bad).toMatchObject({ messageReference: "M2", documentNumber: "CMDU0MX5N1-NLRTM-B", status: "rejected", manifestId: null });
    const errors = bad!.errors.map((e) => [e.segment, e.segmentPosition, e.code, e.message]);
    expect(errors).toEqual(expect.arrayContaining([
      ["CNI", 22, "13", expect.stringContaining("bill of lading missing")],
      ["LOC", 7, "12", "transshipmentPorts[0]: XX is not an ISO 3166 country code"],
      ["EQD", 11, "12", expect.stringMatching(/^shipments\[0\]\.containerNumber: .*check digit/)],
    ]));
    expect(await storedManifests()).toEqual(["CMDU0MX5N1-NLRTM"]);

    const reply = result.reply.split("\n");
    const cusres = reply.filter((line) => line.startsWith("UNH+"));
    expect(cusres).toEqual(["UNH+1+CUSRES:D:96B:UN'", "UNH+2+CUSRES:D:96B:UN'"]);
    expect(reply).toContain("BGM+785+CMDU0MX5N1-NLRTM+9+AP'");
    expect(reply).toContain("BGM+785+CMDU0MX5N1-NLRTM-B+9+RE'");
    expect(reply).toContain("RFF+ACW:M2'");
    expect(reply).toContain("ERP++CNI:22'");
    expect(reply).toContain("ERP++LOC:7'");
    expect(reply).toContain("ERP++EQD:11'");
    expect(reply).toContain("ERC+12::ZZZ'");
    expect(reply.at(-2)).toMatch(/^UNZ\+2\+PC[0-9A-F]{12}'$/);
    // Each CUSRES counts its own segments.
    for (const unt of reply.filter((line) => line.startsWith("UNT+"))) expect(unt).toMatch(/^UNT\+\d+\+[12]'$/);
  });

  test("release characters in our own texts are escaped in the reply", async () => {
    const text = fixture("two-containers.edi").replace(/CR000117/g, "CR555").replace("BGM+85+MAEU312W0007+9'", "BGM+85+MAEU312W0007+7'");
    const result = await receive(text);
    // The colon of our text is released (?:), the component separators between its 70-character pieces are not.
    expect(result.reply.split("\n")).toContain("FTX+AAO+++BGM message function (1225) 7 is not supported?: 9 original, 5:replacement, 1 cancellation (element 3)'");
  });
});

describe("CONTRL: syntax errors name the segment position and element; nothing is stored", () => {
  const base = () => fixture("two-containers.edi").replace("MAEU312W0007", `HOSTILE-${Math.random().toString(36).slice(2, 8).toUpperCase()}`);
  const cases: [string, (text: string) => string, RegExp[]][] = [
    ["an unterminated last segment", (t) => t.trimEnd().replace(/'$/, ""), [/^UCI\+CR000117\+MAEU:ZZZ\+BEANRPCU:ZZZ\+4\+13\+UNZ\+2:1'$/]],
    ["a wrong UNT segment count", (t) => t.replace("UNT+49+1'", "UNT+50+1'"), [/^UCM\+1\+CUSCAR:D:95B:UN\+4\+29'$/, /^UCS\+49'$/, /^UCD\+29\+1'$/]],
    ["a wrong UNZ message count", (t) => t.replace("UNZ+1+CR000117'", "UNZ+3+CR000117'"), [/^UCI\+CR000117\+MAEU:ZZZ\+BEANRPCU:ZZZ\+4\+29\+UNZ\+1'$/]],
    ["UNZ naming another reference", (t) => t.replace("UNZ+1+CR000117'", "UNZ+1+CR000999'"), [/^UCI\+CR000117\+.*\+4\+28\+UNZ\+2'$/]],
    ["a message that is not CUSCAR", (t) => t.replace("CUSCAR:D:95B:UN", "IFTMIN:D:95B:UN"), [/^UCM\+1\+IFTMIN:D:95B:UN\+4\+14'$/, /^UCS\+1'$/, /^UCD\+14\+2:1'$/]],
    ["a directory before D.95B", (t) => t.replace("CUSCAR:D:95B:UN", "CUSCAR:D:93A:UN"), [/^UCM\+1\+CUSCAR:D:93A:UN\+4\+14'$/]],
    ["binary junk inside a segment", (t) => t.replace("FRESH BANANAS", "FRESH \u0000\u0001\u00ff BANANAS"), [/^UCM\+1\+CUSCAR:D:95B:UN\+4\+21'$/, /^UCS\+28\+21'$/]],
    ["a character outside the repertoire", (t) => t.replace("UNOC:3", "UNOA:3").replace("FRESH BANANAS", "fresh bananas"), [/^UCS\+28'$/, /^UCD\+21\+4:1'$/]],
    // The terminator lost mid-message: FTX swallows the next segment, so UNT's count no longer matches.
    ["an unterminated segment inside a message", (t) => t.replace("FTX+AAA+++FRESH BANANAS'", "FTX+AAA+++FRESH BANANAS"), [/^UCM\+1\+CUSCAR:D:95B:UN\+4\+29'$/, /^UCS\+48'$/, /^UCD\+29\+1'$/]],
    ["an interchange cut off halfway", (t) => t.slice(0, t.indexOf("FRESH BANANAS")), [/^UCM\+1\+CUSCAR:D:95B:UN\+4\+13'$/, /^UCS\+28'$/]],
    ["a UNT with no segment count", (t) => t.replace("UNT+49+1'", "UNT++1'"), [/^UCM\+1\+CUSCAR:D:95B:UN\+4\+29'$/]],
    ["segments after UNZ", (t) => `${t.trimEnd()}\nUNH+2+CUSCAR:D:95B:UN'\n`, [/^UCI\+CR000117\+.*\+4\+33\+UNH'$/]],
    ["no UNB at all", () => "UNH+1+CUSCAR:D:95B:UN'BGM+85+X+9'UNT+3+1'", [/^UCI\+\+\+\+4\+13\+UNH'$/]],
  ];
  for (const [name, corrupt, expected] of cases) {
    test(name, async () => {
      const before = await storedManifests();
      const result = await receive(corrupt(base()));
      expect(result).toMatchObject({ replyKind: "CONTRL", accepted: false, messages: [] });
      const lines = result.reply.split("\n");
      for (const pattern of expected) expect(lines.some((line) => pattern.test(line)), `${pattern} in\n${result.reply}`).toBe(true);
      expect(await storedManifests()).toEqual(before);
    });
  }

  test("pure binary junk and a 50 MB interchange are answered with a CONTRL, nothing stored", async () => {
    const before = await storedManifests();
    const junk = await receive(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString("latin1"));
    expect(junk).toMatchObject({ replyKind: "CONTRL", accepted: false, controlReference: null });
    const header = "UNA:+.? '\nUNB+UNOC:3+BIG:ZZZ+RCV:ZZZ+260101:0000+BIG50MB'\n";
    const huge = await receive(header + "FTX+AAA+++" + "X".repeat(50 * 1024 * 1024) + "'\nUNZ+0+BIG50MB'\n");
    expect(huge).toMatchObject({ replyKind: "CONTRL", accepted: false, controlReference: "BIG50MB" });
    expect(huge.errors[0]!.message).toMatch(/above the limit/);
    expect(await storedManifests()).toEqual(before);
  });
});

describe("functional groups (UNG ... UNE)", () => {
  // Document numbers of their own, so the CLI test below still stores escapes.edi's manifest first.
  const grouped = () => fixture("functional-groups.edi").replace(/MAEU312W000([78])/g, "MAEU312W000$1-G").replace("HLCU-028S-ECGYE", "HLCU-028S-ECGYE-G");

  test("an interchange of two groups holding three messages is accepted message by message", async () => {
    const result = await receive(grouped());
    expect(result).toMatchObject({ replyKind: "CUSRES", accepted: true, controlReference: "GRP000118", errors: [] });
    expect(result.messages.map((m) => [m.messageReference, m.documentNumber, m.status])).toEqual([
      ["1", "MAEU312W0007-G", "accepted"],
      ["2", "MAEU312W0008-G", "accepted"],
      ["3", "HLCU-028S-ECGYE-G", "accepted"],
    ]);
    expect(await storedManifests()).toEqual(expect.arrayContaining(["HLCU-028S-ECGYE-G", "MAEU312W0007-G", "MAEU312W0008-G"]));
  });

  const cases: [string, (text: string) => string, RegExp[]][] = [
    ["a UNE message count that differs from the group's messages", (t) => t.replace("UNE+2+G1'", "UNE+3+G1'"), [/^UCI\+GRP000119\+MAEU:ZZZ\+BEANRPCU:ZZZ\+4'$/, /^UCF\+G1\+MAEU:ZZZ\+BEANRPCU:ZZZ\+4\+29\+UNE\+1'$/]],
    ["a UNE naming another group", (t) => t.replace("UNE+1+G2'", "UNE+1+G9'"), [/^UCF\+G2\+.*\+4\+28\+UNE\+2'$/]],
    ["a group with no UNE", (t) => t.replace("UNE+2+G1'\n", ""), [/^UCF\+G1\+.*\+4\+13\+UNG'$/]],
    ["a message outside the groups", (t) => t.replace(/UNG\+CUSCAR[^\n]*\+G2\+[^\n]*\n/, "").replace("UNE+1+G2'\n", "").replace("UNZ+2+", "UNZ+1+"), [/^UCI\+GRP000119\+.*\+4\+30\+UNH'$/]],
    ["a UNZ counting the messages instead of the groups", (t) => t.replace("UNZ+2+", "UNZ+3+"), [/^UCI\+GRP000119\+.*\+4\+29\+UNZ\+1'$/]],
    ["a message of another type in a CUSCAR group", (t) => t.replace("UNH+2+CUSCAR:D:95B:UN'", "UNH+2+IFTMIN:D:95B:UN'"), [/^UCM\+2\+IFTMIN:D:95B:UN\+4\+31'$/]],
  ];
  for (const [name, corrupt, expected] of cases) {
    test(`CONTRL, nothing stored: ${name}`, async () => {
      const text = corrupt(grouped().replace(/-G\b/g, "-X").replaceAll("GRP000118", "GRP000119"));
      const before = await storedManifests();
      const result = await receive(text);
      expect(result).toMatchObject({ replyKind: "CONTRL", accepted: false, messages: [] });
      const lines = result.reply.split("\n");
      for (const pattern of expected) expect(lines.some((line) => pattern.test(line)), `${pattern} in\n${result.reply}`).toBe(true);
      expect(await storedManifests()).toEqual(before);
    });
  }
});

describe("portcullis manifests import FILE.edi --unit CODE", () => {
  test("prints the outcome with the CUSRES, and exits 1 when a message was rejected", async () => {
    const file = path.join(scratch, "escapes.edi");
    writeFileSync(file, fixture("escapes.edi"), "latin1");
    const ok = await runCli(["manifests", "import", file, "--unit", unit.code]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const printed = JSON.parse(ok.stdout) as { replyKind: string; accepted: boolean; messages: { status: string }[]; reply: string[] };
    expect(printed).toMatchObject({ replyKind: "CUSRES", accepted: true, messages: [{ status: "accepted" }] });
    expect(printed.reply).toContain("BGM+785+HLCU-028S-ECGYE+9+AP'");
    const party = await services.pool.query("SELECT shipper_name FROM shipment s JOIN manifest m ON m.id = s.manifest_id WHERE m.unit_id = $1 AND m.manifest_ref = 'HLCU-028S-ECGYE'", [unit.id]);
    expect(party.rows[0].shipper_name).toBe("O'BRIEN + ZONEN TRADING B.V.");

    const bad = path.join(scratch, "bad.edi");
    writeFileSync(bad, fixture("two-messages-one-bad.edi").replace(/CMA0004411/g, "CMA0004499"));
    const rejected = await runCli(["manifests", "import", bad, "--unit", unit.code]);
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ accepted: false, messages: [{ status: "duplicate" }, { status: "rejected" }] });
    const missing = await runCli(["manifests", "import", path.join(scratch, "nope.edi"), "--unit", unit.code]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.edi: ENOENT/);
  }, 240_000);
});
