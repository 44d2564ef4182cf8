// The web upload of a CUSCAR interchange, without a browser: the request it
// sends (Content-Type application/EDIFACT, the answer as JSON), a rejected
// interchange read as an answer and not as a failure, and the answer as the
// officer sees it, message by message with each error at its segment, in
// English and Spanish.
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, test, vi } from "vitest";
import { verdictOf, type InterchangeAnswer } from "../../../web/src/edifact-answer.js";
import { formatters } from "../../../web/src/format.js";
import { translator, type Translate } from "../../../web/src/i18n.js";

// The root type check has neither JSX nor the browser's globals: the screen and the request modules are
// loaded at run time (vitest compiles them) and typed here.
const screenModule = "../../../web/src/screens/EdifactUpload.js";
const { EdifactAnswerView } = (await import(screenModule)) as {
  EdifactAnswerView: FunctionComponent<{ fileName: string; result: InterchangeAnswer; t: Translate; fmt: ReturnType<typeof formatters> }>;
};
const postModule = "../../../web/src/edifact-post.js";
const { postInterchange } = (await import(postModule)) as { postInterchange: (unitCode: string, file: Blob) => Promise<InterchangeAnswer> };

const partial: InterchangeAnswer = {
  controlReference: "CR000117",
  replyKind: "CUSRES",
  reply: "UNH+1+CUSRES:D:95B:UN'\nBGM+962+MAEU312W0008+27'\nERP+1:14'\nERC+12'\nUNT+5+1'",
  accepted: false,
  duplicate: false,
  messages: [
    { messageReference: "1", documentNumber: "MAEU312W0007", function: "original", status: "accepted", manifestId: "m-1", shipmentCount: 2, errors: [] },
    {
      messageReference: "2", documentNumber: "MAEU312W0008", function: "replacement", status: "rejected", manifestId: null, shipmentCount: 0,
      errors: [{ segmentPosition: 14, segment: "EQD", element: 2, code: "12", message: "container number MSKU9070324: check digit should be 3" }],
    },
  ],
};

const syntax: InterchangeAnswer = { controlReference: "CR9", replyKind: "CONTRL", reply: "UCI+CR9+MAEU:ZZZ+BEANRPCU:ZZZ+4'", accepted: false, duplicate: false, messages: [] };

function render(result: InterchangeAnswer, language: "en" | "es" = "en"): string {
  return renderToStaticMarkup(createElement(EdifactAnswerView, { fileName: "voyage.edi", result, t: translator(language), fmt: formatters(language) }));
}

describe("the answer as the officer reads it", () => {
  test("partial acceptance is explicit, message by message, each error at its segment and element", () => {
    expect(verdictOf(partial)).toBe("partial");
    expect(translator("en")("edifact.verdict", { verdict: "partial", file: "voyage.edi", reference: "CR000117", accepted: 1, total: 2 })).toBe(
      "voyage.edi: interchange CR000117 partly accepted: 1 of 2 messages stored, the others rejected (see below).",
    );
    const html = render(partial);
    expect(html).toContain('<tr data-status="accepted"><td>1</td><td>MAEU312W0007</td><td>Original</td><td>Accepted</td><td class="num">2</td><td>—</td></tr>');
    expect(html).toMatch(/<tr data-status="rejected"><td>2<\/td><td>MAEU312W0008<\/td><td>Replacement<\/td><td>Rejected<\/td>/);
    expect(html).toContain("<strong>Segment 14 (EQD), element 2</strong> container number MSKU9070324: check digit should be 3");
    // The code says what it means, not a bare "(12)".
    expect(html).toContain('<span class="help">(invalid value, code 12)</span>');
    // A field path reads as the shipment and the field's name; the path stays as its title.
    const withPath = render({ ...partial, messages: [{ ...partial.messages[1]!, errors: [{ segmentPosition: 9, segment: "EQD", element: 2, code: "12", message: "shipments[0].containerNumber: check digit should be 3" }] }] });
    expect(withPath).toContain('<strong>Segment 9 (EQD), element 2</strong> <span title="shipments[0].containerNumber">Shipment 1 · Container number: check digit should be 3</span>');
    expect(html).toContain("2 messages in the interchange");
    // On the shared DataTable: its messages sort by reference, document, status and shipments.
    expect(html).toContain('<table class="data-table" data-testid="edifact-messages">');
    expect(html.match(/<button type="button" class="sort" aria-label="Sort by [^"]+">/g)).toHaveLength(4);
    expect(html).toContain("ERP+1:14&#x27;");
  });

  test("in Spanish", () => {
    const html = render(partial, "es");
    expect(html).toContain("<td>Sustitución</td><td>Rechazado</td>");
    expect(html).toContain("Segmento 14 (EQD), elemento 2");
  });

  test("a syntax rejection shows the CONTRL reply open; a re-send and full acceptance read as such", () => {
    expect(verdictOf(syntax)).toBe("syntax");
    const html = render(syntax);
    expect(html).not.toContain("<table");
    expect(html).toMatch(/<details open="">\s*<summary>The CONTRL reply<\/summary>/);
    expect(verdictOf({ ...partial, accepted: true, duplicate: true })).toBe("duplicate");
    expect(verdictOf({ ...partial, accepted: true })).toBe("accepted");
    expect(verdictOf({ ...partial, messages: [partial.messages[1]!] })).toBe("rejected");
  });
});

describe("the request", () => {
  afterEach(() => vi.unstubAllGlobals());

  test("posts the file as application/EDIFACT with the session's token, asking for JSON; a 422 answer is returned, not thrown", async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify(partial), { status: 422, headers: { "Content-Type": "application/json" } })));
    vi.stubGlobal("fetch", fetch);
    const session = { token: "officer-token", expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    vi.stubGlobal("sessionStorage", { getItem: () => JSON.stringify(session), setItem: () => undefined, removeItem: () => undefined });
    const file = new Blob(["UNA:+.? 'UNB+UNOC:3+MAEU:ZZZ+BEANRPCU:ZZZ+251228:0930+CR000117'"]);
    expect(await postInterchange("BEANR", file)).toEqual(partial);
    const [url, init] = fetch.mock.calls[0]! as unknown as [string, RequestInit];
    expect(url).toBe("/v1/units/BEANR/manifests");
    expect(init).toMatchObject({ method: "POST", body: file, headers: { "Content-Type": "application/EDIFACT", Accept: "application/json", Authorization: "Bearer officer-token" } });
  });

  test("an API error (rights, size) is thrown with its message", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(new Response(JSON.stringify({ error: "payload_too_large", message: "the body is over 40 MB" }), { status: 413 }))));
    const error = await postInterchange("BEANR", new Blob(["x"])).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "Error", status: 413, code: "payload_too_large", message: "the body is over 40 MB" });
  });
});
