// A referral's timeline: its first entry (the creation, no earlier state) reads
// as the state it started in, with no placeholder and no arrow.
import { describe, expect, test } from "vitest";
import { translator } from "../../../web/src/i18n.js";
import { referralEventText } from "../../../web/src/terms.js";

describe("referralEventText", () => {
  test("the creation reads 'Drafted' / 'Borrador', without '·' or '→'", () => {
    const en = referralEventText(translator("en"), null, "drafted");
    expect(en).toBe(translator("en")("status.drafted"));
    expect(en).not.toMatch(/[·→]/);
    expect(referralEventText(translator("es"), null, "drafted")).toBe(translator("es")("status.drafted"));
  });

  test("a later change names both states", () => {
    const t = translator("en");
    expect(referralEventText(t, "drafted", "sent")).toBe(`${t("status.drafted")} → ${t("status.sent")}`);
  });
});
