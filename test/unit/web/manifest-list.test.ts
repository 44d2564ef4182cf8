// The manifests screen's list says each manifest's state: a failed one (its
// expansion gave up, core/manifests/expansion-failures.ts) shows why and that
// nothing is lost, with an alert above the table; expanding and stored ones
// read as such, in English and Spanish.
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator, type Translate } from "../../../web/src/i18n.js";
import type { ManifestListItem as Item } from "../../../web/src/manifest-list-item.js";

const screenModule = "../../../web/src/screens/ManifestList.js";
const { ManifestListView } = (await import(screenModule)) as {
  ManifestListView: FunctionComponent<{ items: Item[]; total?: number; failed?: number; t: Translate; fmt: ReturnType<typeof formatters> }>;
};

const base = { vesselName: "MSC AURORA", flightNumber: null, portOfLoading: "ECGYE", portOfDischarge: "BEANR", arrivalDate: "2026-12-08", receivedAt: "2026-12-07T09:00:00Z" };
const items: Item[] = [
  { ...base, id: "m-1", manifestRef: "MSCU-FAILED", shipmentCount: 15_000, state: "failed", failure: { reason: "shipment storage refused", attempts: 10, failedAt: "2026-12-07T09:05:00Z" } },
  { ...base, id: "m-2", manifestRef: "MSCU-WRITING", shipmentCount: 4_000, state: "expanding" },
  { ...base, id: "m-3", manifestRef: "MSCU-STORED", shipmentCount: 12, state: "stored" },
];

const render = (rows: Item[], language: "en" | "es" = "en") => renderToStaticMarkup(createElement(ManifestListView, { items: rows, t: translator(language), fmt: formatters(language) }));

describe("the manifests screen's list", () => {
  test("a failed manifest shows its reason and attempts, and an alert says nothing is lost; the others read writing and stored", () => {
    const html = render(items);
    expect(html).toContain('<p class="error" role="alert" data-testid="manifests-failed">One manifest could not be stored: its containers are not in the queue. Nothing received is lost; ask an administrator to retry it.</p>');
    expect(html).toMatch(/data-state="failed"[^]*<strong>Failed<\/strong><p class="error">Its containers could not be written \(10 attempts\): shipment storage refused\. The manifest is kept as received; an administrator can retry it\.<\/p>/);
    expect(html).toMatch(/data-state="expanding"[^]*Writing its containers…/);
    expect(html).toMatch(/data-state="stored"[^]*Stored/);
    expect(html).toContain("15,000");
  });

  test("in Spanish", () => {
    const html = render(items, "es");
    expect(html).toContain("Un manifiesto no se pudo almacenar");
    expect(html).toContain("No se pudieron escribir sus contenedores (10 intentos): shipment storage refused.");
    expect(html).toContain("Escribiendo sus contenedores…");
  });

  test("without a failed manifest: no alert", () => {
    const html = render(items.slice(1));
    expect(html).not.toContain("manifests-failed");
    expect(html).not.toContain('data-state="failed"');
  });

  test("a page of a longer list: the caption and the alert count every manifest of the unit (the API's first page), and say how many are shown", () => {
    const html = renderToStaticMarkup(createElement(ManifestListView, { items, total: 53, failed: 2, t: translator("en"), fmt: formatters("en") }));
    expect(html).toContain("2 manifests could not be stored: their containers are not in the queue.");
    expect(html).toContain("53 manifests, latest arrival first");
    expect(html).toContain('<p data-testid="manifests-shown">3 of 53 manifests shown.</p>');
    const es = renderToStaticMarkup(createElement(ManifestListView, { items: items.slice(1), total: 11_053, failed: 1, t: translator("es"), fmt: formatters("es") }));
    expect(es).toContain("Un manifiesto no se pudo almacenar");
    expect(es).toContain("2 de 11.053 manifiestos mostrados.");
  });
});
