// The officer's alert logic without a browser: every kind the API accepts is
// built into a request (a seizure report carries its seizure), the unread
// badge's text, which notifications an opened alert reads, where a
// notification leads, and the send form pre-filled from a link.
import { describe, expect, test } from "vitest";
import { alertSubjectSchema, sendAlertSchema } from "../../../core/alerts/alert-schemas.js";
import {
  alertRequest,
  isSubjectKind,
  notificationsAbout,
  notificationTarget,
  prefillFrom,
  shareableSeizures,
  shareSeizureLink,
  SUBJECT_KINDS,
  subjectOf,
  unreadText,
  type AlertForm,
} from "../../../web/src/alerts.js";

const SEIZURE = "6f1c1c34-8f5a-4c1e-9d51-3f0f6b0b2a11";
const form = (over: Partial<AlertForm>): AlertForm => ({
  kind: "container",
  fields: { value: "", country: "", to: "" },
  message: " Look at it ",
  recipients: "ecgye-2",
  seizureId: "",
  expiresAt: "",
  ...over,
});

describe("alert kinds", () => {
  test("the form offers exactly the kinds the API's schema accepts", () => {
    const apiKinds = alertSubjectSchema.options.map((o) => o.shape.kind.value).sort();
    expect([...SUBJECT_KINDS].sort()).toEqual(apiKinds);
    expect(isSubjectKind("seizure_report")).toBe(true);
    expect(isSubjectKind("vessel")).toBe(false);
    expect(isSubjectKind(null)).toBe(false);
  });

  test("a request of every kind passes the API's own schema", () => {
    const cases: AlertForm[] = [
      form({ kind: "container", fields: { value: "mscu 100000 1", country: "", to: "" } }),
      form({ kind: "bill_of_lading", fields: { value: "meduec20000004", country: "", to: "" } }),
      form({ kind: "party", fields: { value: "Frutas del Sol SA", country: "ec", to: "" } }),
      form({ kind: "route", fields: { value: "ecgye", country: "", to: "be anr" } }),
      form({ kind: "seizure_report", seizureId: SEIZURE }),
    ];
    for (const c of cases) {
      const parsed = sendAlertSchema.safeParse(alertRequest(c));
      expect(parsed.success, `${c.kind}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  test("a seizure report is only a kind; the seizure travels beside it", () => {
    expect(subjectOf("seizure_report", { value: "ignored", country: "EC", to: "X" })).toEqual({ kind: "seizure_report" });
    expect(alertRequest(form({ kind: "seizure_report", seizureId: SEIZURE }))).toEqual({
      subject: { kind: "seizure_report" },
      message: "Look at it",
      recipients: ["ECGYE-2"],
      seizureId: SEIZURE,
    });
    // Without its seizure the API refuses it: the client does not invent one.
    const missing = sendAlertSchema.safeParse(alertRequest(form({ kind: "seizure_report" })));
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join("."))).toEqual(["seizureId"]);
  });

  test("optional fields: a seizure shared with another kind, an expiry in ISO 8601; empty ones are not sent", () => {
    const body = alertRequest(form({ kind: "container", fields: { value: "MSCU1000001", country: "", to: "" }, seizureId: SEIZURE, expiresAt: "2031-05-04T10:30" }));
    expect(body.seizureId).toBe(SEIZURE);
    expect(body.expiresAt).toBe(new Date("2031-05-04T10:30").toISOString());
    const plain = alertRequest(form({ fields: { value: "MSCU1000001", country: "", to: "" } }));
    expect(Object.keys(plain).sort()).toEqual(["message", "recipients", "subject"]);
    expect(alertRequest(form({ expiresAt: "not a date" }))).not.toHaveProperty("expiresAt");
  });

  test("only unit-level seizures can be shared", () => {
    const seizures = [
      { id: "a", sharing: "unit" },
      { id: "b", sharing: "agency" },
      { id: "c", sharing: "unit" },
    ];
    expect(shareableSeizures(seizures).map((s) => s.id)).toEqual(["a", "c"]);
  });
});

describe("unread badge", () => {
  test("nothing for none, the count, then a cap", () => {
    expect(unreadText(0)).toBe("");
    expect(unreadText(-1)).toBe("");
    expect(unreadText(3)).toBe("3");
    expect(unreadText(99)).toBe("99");
    expect(unreadText(100)).toBe("99+");
    expect(unreadText(12, 10)).toBe("9+");
  });

  const n = (id: string, entityType: string, entityId: string, readAt: string | null = null) => ({ id, entityType, entityId, readAt, message: id });

  test("an opened alert reads its own unread notifications only", () => {
    const items = [
      n("received", "alert", "A1"),
      n("reply", "alert", "A1"),
      n("old", "alert", "A1", "2030-01-01T00:00:00Z"),
      n("other-alert", "alert", "A2"),
      n("referral", "referral", "A1"),
    ];
    expect(notificationsAbout(items, "A1").map((x) => x.id)).toEqual(["received", "reply"]);
    expect(notificationsAbout(items, "A3")).toEqual([]);
  });

  test("a notification leads to its alert or referral", () => {
    expect(notificationTarget("ECGYE-1", { entityType: "alert", entityId: "A1" })).toBe("/units/ECGYE-1/alerts/A1");
    expect(notificationTarget("ECGYE-1", { entityType: "referral", entityId: "R1" })).toBe("/units/ECGYE-1/referrals/R1");
    expect(notificationTarget("ECGYE-1", { entityType: "manifest", entityId: "M1" })).toBeNull();
  });
});

describe("pre-filled send form", () => {
  test("a container's seizure opens the form as a seizure report of that seizure", () => {
    const link = shareSeizureLink("ECGYE-1", SEIZURE);
    expect(link).toBe(`/units/ECGYE-1/alerts?kind=seizure_report&seizure=${SEIZURE}`);
    expect(prefillFrom(link.slice(link.indexOf("?")))).toEqual({ kind: "seizure_report", seizureId: SEIZURE });
  });

  test("no or unknown kind pre-fills nothing", () => {
    expect(prefillFrom("")).toEqual({ kind: null, seizureId: "" });
    expect(prefillFrom("?kind=vessel&seizure=")).toEqual({ kind: null, seizureId: "" });
  });
});
