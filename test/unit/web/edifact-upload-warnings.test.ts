// The upload answer shows a stored message's warnings (e.g. the unit's port is
// not on the voyage), pointed at their segment and labelled as warnings, and
// says beside the verdict that messages were stored with one: never silent.
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { warnedMessages, type InterchangeAnswer } from "../../../web/src/edifact-answer.js";
import { formatters } from "../../../web/src/format.js";
import { translator, type Translate } from "../../../web/src/i18n.js";

const screenModule = "../../../web/src/screens/EdifactUpload.js";
const { EdifactAnswerView } = (await import(screenModule)) as {
  EdifactAnswerView: FunctionComponent<{ fileName: string; result: InterchangeAnswer; t: Translate; fmt: ReturnType<typeof formatters> }>;
};

const warning = {
  segmentPosition: 9,
  segment: "LOC",
  element: 2,
  code: "W01",
  message: "portOfDischarge: BEANR is not this unit's port (NLRTM): neither discharge, loading nor a transhipment port; check the manifest was sent to the right unit",
};
const warned: InterchangeAnswer = {
  controlReference: "CR000117",
  replyKind: "CUSRES",
  reply: "UNH+1+CUSRES:D:96B:UN'",
  accepted: true,
  duplicate: false,
  messages: [{ messageReference: "1", documentNumber: "MAEU312W0007", function: "original", status: "accepted", manifestId: "m-1", shipmentCount: 2, errors: [], warnings: [warning] }],
};

const render = (result: InterchangeAnswer, language: "en" | "es" = "en") =>
  renderToStaticMarkup(createElement(EdifactAnswerView, { fileName: "voyage.edi", result, t: translator(language), fmt: formatters(language) }));

describe("warnings in the upload answer", () => {
  test("a stored message's warning is shown at its LOC, labelled, with its code's meaning, and announced beside the verdict", () => {
    expect(warnedMessages(warned)).toBe(1);
    const html = render(warned);
    expect(html).toContain('<p class="warning" data-testid="edifact-warnings">1 message was stored with a warning');
    expect(html).toContain('<li data-kind="warning">Warning: <strong>Segment 9 (LOC), element 2</strong>');
    expect(html).toContain("BEANR is not this unit&#x27;s port (NLRTM)");
    expect(html).toContain('<span class="help">(not this unit&#x27;s port, code W01)</span>');
    expect(render(warned, "es")).toContain("Advertencia: <strong>");
  });

  test("without warnings: no notice and no warning item", () => {
    const clean = { ...warned, messages: [{ ...warned.messages[0]!, warnings: undefined }] } as unknown as InterchangeAnswer;
    expect(warnedMessages(clean)).toBe(0);
    const html = render(clean);
    expect(html).not.toContain("edifact-warnings");
    expect(html).not.toContain('data-kind="warning"');
  });
});
