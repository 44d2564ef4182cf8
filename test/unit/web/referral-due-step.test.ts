// A referral's due date said only "Due 1 Oct 2026, 06:00 Overdue", for a
// referral in prosecution as for a drafted one: the reader could not tell
// whether the sending, the recipient's acknowledgement or a status update was
// late. The list's cell and the referral page now name the step that is due,
// from the referral's state (core/referrals/referral-states.ts dueAtFor).
import { createElement, type FunctionComponent, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator, type Translate } from "../../../web/src/i18n.js";

// A .tsx module: imported by a path the root tsconfig (no JSX) does not follow, as manifest-list.test.ts does.
const recordsModule = "../../../web/src/screens/referral-records.js";
type Referral = { id: string; status: string; dueAt: string | null; overdue: boolean };
type Fmt = ReturnType<typeof formatters>;
const { DueText, referralColumns } = (await import(recordsModule)) as {
  DueText: FunctionComponent<{ referral: Referral; t: Translate; fmt: Fmt; onTime?: boolean }>;
  referralColumns: (t: Translate, fmt: Fmt, code: string, linkRecords: boolean) => { id: string; cell: (r: Referral) => ReactNode }[];
};

const text = (node: ReactNode) => renderToStaticMarkup(createElement("div", null, node)).replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim();
const referral = (status: string, overdue = false, dueAt: string | null = "2026-10-01T06:00:00Z") =>
  ({ id: "r", status, dueAt, overdue, shipment: { id: "s", containerNumber: "HLBU0297275", billOfLading: "B" } }) as Referral;

describe("what a referral's due date is for", () => {
  const t = translator("en");
  const fmt = formatters("en-GB", "UTC");
  const due = referralColumns(t, fmt, "BEANR", false).find((c) => c.id === "due")!;

  test("the list names the step: sending, acknowledgement, status update; nothing for a closed one", () => {
    expect(text(due.cell(referral("drafted", true)))).toBe("Sending to the recipient by 1 Oct 2026, 06:00 Overdue");
    expect(text(due.cell(referral("sent")))).toBe("Recipient's acknowledgement by 1 Oct 2026, 06:00");
    for (const status of ["acknowledged", "investigation_opened", "controlled_delivery", "prosecution"]) {
      expect(text(due.cell(referral(status, true)))).toBe("Status update by 1 Oct 2026, 06:00 Overdue");
    }
    expect(text(due.cell(referral("closed", false, null)))).toBe("—");
  });

  test("the referral page says on time when it is not late", () => {
    expect(text(createElement(DueText, { referral: referral("prosecution"), t, fmt, onTime: true }))).toBe("Status update by 1 Oct 2026, 06:00 On time");
  });

  test("in Spanish", () => {
    const es = translator("es");
    const fmtEs = formatters("es", "UTC");
    expect(text(createElement(DueText, { referral: referral("prosecution", true), t: es, fmt: fmtEs }))).toBe("Actualización de estado antes del 1 oct 2026, 6:00 Vencida");
    expect(text(createElement(DueText, { referral: referral("sent"), t: es, fmt: fmtEs }))).toBe("Acuse de recibo del destinatario antes del 1 oct 2026, 6:00");
  });
});
