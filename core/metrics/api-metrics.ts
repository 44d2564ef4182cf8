// Metrics recorded by the API process.
import { Counter, Histogram } from "prom-client";
import { metricOnce } from "./registry.js";

export const httpRequestDuration = () =>
  metricOnce(
    "http",
    (registers) =>
      new Histogram({
        name: "portcullis_http_request_duration_seconds",
        help: "HTTP request latency by route pattern (not the raw URL) and status",
        labelNames: ["method", "route", "status"] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers,
      }),
  );

export const manifestsIngested = () =>
  metricOnce(
    "manifests",
    (registers) =>
      new Counter({
        name: "portcullis_manifests_ingested_total",
        help: "Manifests answered by the ingest route, by outcome (accepted = new, duplicate = same content again)",
        labelNames: ["outcome"] as const,
        registers,
      }),
  );

export const shipmentsIngested = () =>
  metricOnce(
    "ingested",
    (registers) => new Counter({ name: "portcullis_shipments_ingested_total", help: "Shipments stored by manifest ingestion (new manifests only)", registers }),
  );

/** Called by the ingest route with its answer. */
export function recordIngest(result: { status: number; body: { shipmentCount: number } }): void {
  const accepted = result.status === 202;
  manifestsIngested().inc({ outcome: accepted ? "accepted" : "duplicate" });
  if (accepted) shipmentsIngested().inc(result.body.shipmentCount);
}
