// History import of a unit's past manifests as they are (format
// manifest-jsonl) on a throwaway database: N contract lines (default 50,000,
// ~1.2 kB each) generated on the fly, streamed into PostgreSQL through the
// upload use case, then the history_import job run in this process (as a
// worker would). Prints one JSON object: rows/s and the process's peak memory,
// which must not grow with the file.
//
//   npx tsx bench/history-import-manifest-jsonl.ts [--lines 50000]
import { Readable } from "node:stream";
import { runAnalysisJob } from "../core/analysis/analysis-jobs.js";
import { ANALYSIS_RUNNERS } from "../core/analysis/analysis-runners.js";
import { parseConfig } from "../core/config.js";
import { receiveHistoryUpload } from "../core/history/receive-history-upload.js";
import { createServices } from "../core/services.js";
import { containerCheckDigit } from "../profiling/features/iso6346.js";
import { withBenchDatabase } from "./bench-database.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";

const flag = process.argv.indexOf("--lines");
const LINES = flag > 0 ? Number(process.argv[flag + 1]) : 50_000;

const LANES = [
  { pol: "COCTG", via: ["PAMIT"], hs: "080390", goods: "FRESH BANANAS", type: "45R1", origin: "CO" },
  { pol: "ECGYE", via: [], hs: "030617", goods: "FROZEN SHRIMP", type: "45R1", origin: "EC" },
  { pol: "CNSHA", via: [], hs: "940360", goods: "WOODEN FURNITURE", type: "42G1", origin: "CN" },
  { pol: "BRSSZ", via: ["ESALG"], hs: "090111", goods: "GREEN COFFEE BEANS", type: "22G1", origin: "BR" },
] as const;
const OWNERS = ["MSKU", "CMAU", "MEDU", "HLXU", "TGHU"];

function container(i: number): string {
  const first10 = `${OWNERS[i % OWNERS.length]}${String(i).padStart(6, "0")}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

function lineOf(i: number): string {
  const lane = LANES[i % LANES.length]!;
  const day = new Date(Date.UTC(2023, 0, 1 + (i % 700))).toISOString().slice(0, 10);
  const inspected = i % 10 !== 0;
  const hit = inspected && i % 37 === 0;
  return JSON.stringify({
    manifestRef: `MAEU-${(i % 900) + 100}W-${lane.pol}`, carrier: { scac: "MAEU", name: "Maersk" },
    vessel: { imo: "9619907", name: "MAERSK ESSEN", voyage: `${(i % 900) + 100}W` },
    portOfLoading: lane.pol, transshipmentPorts: lane.via, portOfDischarge: "BEANR", arrivalDate: day,
    billOfLading: `MAEU${String(300_000_000 + i)}`, containerNumber: container(i), containerType: lane.type, sealNumbers: [`ML-${1_000_000 + i}`],
    shipper: { name: `EXPORTER ${i % 800} S.A.`, address: "Zona Franca, Bodega 3", country: lane.origin, id: `${lane.origin}${900_000 + (i % 800)}` },
    consignee: { name: `IMPORTER ${i % 1200} BV`, address: "Industrieweg 12, Gent", country: "BE" },
    notifyParty: null, forwarder: i % 3 === 0 ? { name: `FORWARDER ${i % 50}`, country: lane.origin } : null,
    hsCodes: [lane.hs], goodsDescription: lane.goods, packages: 1000 + (i % 80), packageType: "CT",
    grossWeightKg: 18_000 + (i % 4000), netWeightKg: 16_000 + (i % 3000), declaredValue: { amount: 15_000 + (i % 9000), currency: "USD" },
    countryOfOrigin: lane.origin, freightTerms: i % 4 === 0 ? "collect" : "prepaid", attributes: { sealChangedAfterLoading: i % 97 === 0 },
    outcome: inspected
      ? { inspected: true, hit, commodity: hit ? "cocaine" : null, quantity: hit ? { value: 50 + (i % 200), unit: "kg" } : null, selectedBy: i % 20 === 1 ? "random" : "profile" }
      : { inspected: false },
  });
}

function* generate(): Generator<Buffer> {
  let chunk = "";
  for (let i = 0; i < LINES; i += 1) {
    chunk += lineOf(i) + "\n";
    if (chunk.length > 256 * 1024) {
      yield Buffer.from(chunk);
      chunk = "";
    }
  }
  if (chunk) yield Buffer.from(chunk);
}

await withBenchDatabase(async (url) => {
  const prefix = `bench-${Date.now()}`;
  const services = createServices(parseConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", QUEUE_PREFIX: prefix }), "bench");
  try {
    const unit = await services.prisma.controlUnit.create({ data: { code: "BEANR-BENCH", locode: "BEANR", name: "Bench", country: "BE", kind: "seaport" } });
    const scope = { id: unit.id, code: unit.code, country: "BE", programme: "CCP" };
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    const answer = await receiveHistoryUpload(services, {
      unit: scope, format: "manifest-jsonl", contentType: "application/x-ndjson", contentLength: undefined,
      body: Readable.from(generate()), actor: { name: "bench" },
    });
    const uploadMs = performance.now() - t0;
    const t1 = performance.now();
    await runAnalysisJob(services, answer.body.jobId!, ANALYSIS_RUNNERS);
    const jobMs = performance.now() - t1;
    clearInterval(sampler);
    const done = await services.pool.query<{ rows_imported: number; rows_rejected: number; status: string }>(
      "SELECT rows_imported, rows_rejected, status FROM history_import WHERE id = $1",
      [answer.body.importId],
    );
    const inspections = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM inspection WHERE unit_id = $1", [unit.id]);
    const r = done.rows[0]!;
    console.log(
      JSON.stringify({
        lines: LINES, bytes: answer.body.bytes, status: r.status, imported: r.rows_imported, rejected: r.rows_rejected, inspections: inspections.rows[0]!.n,
        uploadMs: Math.round(uploadMs), jobMs: Math.round(jobMs), linesPerSecond: Math.round(LINES / (jobMs / 1000)),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
      }),
    );
  } finally {
    await services.close();
    await deletePrefixKeys(services.config.REDIS_URL, prefix);
  }
});
