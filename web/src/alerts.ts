// Alert subjects: the send form's fields → the API subject, and back to one line of text.
export const SUBJECT_KINDS = ["container", "bill_of_lading", "party", "route"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The alert subject as one line ("MSCU1000001", "ECGYE → BEANR", "ACME SA (EC)"). */
export function subjectText(subject: Record<string, string | undefined>): string {
  switch (subject.kind) {
    case "container":
      return subject.containerNumber ?? "";
    case "bill_of_lading":
      return subject.billOfLading ?? "";
    case "party":
      return subject.country ? `${subject.name ?? ""} (${subject.country})` : (subject.name ?? "");
    case "route":
      return `${subject.portOfLoading ?? ""} → ${subject.portOfDischarge ?? ""}`;
    default:
      return "";
  }
}

/** The form's fields → the subject of POST /alerts. */
export function subjectOf(kind: SubjectKind, fields: { value: string; country: string; to: string }): Record<string, string> {
  const value = fields.value.trim();
  if (kind === "container") return { kind, containerNumber: value.replace(/\s+/g, "").toUpperCase() };
  if (kind === "bill_of_lading") return { kind, billOfLading: value.toUpperCase() };
  if (kind === "party") return fields.country.trim() ? { kind, name: value, country: fields.country.trim().toUpperCase() } : { kind, name: value };
  return { kind, portOfLoading: value.replace(/\s+/g, "").toUpperCase(), portOfDischarge: fields.to.replace(/\s+/g, "").toUpperCase() };
}

/** "ECGYE-1, ecgye-2 ;X" → ["ECGYE-1", "ECGYE-2", "X"]. */
export function unitCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];
}
