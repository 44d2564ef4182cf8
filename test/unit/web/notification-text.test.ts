// Notifications are stored as a kind plus values (migration 0016) and written
// in the reader's language; older rows without values keep the server's text.
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator } from "../../../web/src/i18n.js";
import { notificationText } from "../../../web/src/notification-text.js";

const es = translator("es");
const en = translator("en");
const fmtEs = formatters("es", "UTC");

describe("notificationText", () => {
  test("a referral received reads in Spanish, the commodity translated", () => {
    const n = { kind: "referral_received", message: "ECGYE referred a cocaine seizure to your unit", params: { unit: "ECGYE", commodity: "cocaine" } };
    expect(notificationText(es, fmtEs, n)).toBe("ECGYE remitió a su unidad una incautación de cocaína");
    expect(notificationText(en, formatters("en", "UTC"), n)).toBe("ECGYE referred a cocaine seizure to your unit");
  });

  test("an overdue referral names the state in the reader's words and the due date in the locale", () => {
    const n = {
      kind: "referral_overdue",
      message: "Referral of the heroin seizure to Fiscalía is overdue: step acknowledged was due 2026-03-01 12:00 UTC",
      params: { commodity: "heroin", recipient: "Fiscalía", status: "acknowledged", dueAt: "2026-03-01T12:00:00Z" },
    };
    const text = notificationText(es, fmtEs, n);
    expect(text).toMatch(/^La remisión de la incautación de heroína a Fiscalía está vencida: la etapa «con acuse de recibo» vencía el /);
    expect(text).toContain(fmtEs.dateTime("2026-03-01T12:00:00Z"));
  });

  test("alert texts keep the sender's own words as they are, braces included", () => {
    const n = { kind: "alert_reply", message: "x", params: { unit: "BEANR", text: "Box {MSCU} checked" } };
    expect(notificationText(es, fmtEs, n)).toBe("BEANR respondió a una alerta: Box {MSCU} checked");
  });

  test("rows written before 0016, or of an unknown kind, show the server's English text", () => {
    expect(notificationText(es, fmtEs, { kind: "referral_received", message: "old text", params: {} })).toBe("old text");
    expect(notificationText(es, fmtEs, { kind: "something_new", message: "new text", params: { unit: "X" } })).toBe("new text");
  });
});
