// The checks of an officer's record forms (inspection, seizure, referral)
// before they are sent. Nothing is chosen for the officer: an outcome, a
// method, a commodity, a concealment, a detection method or a recipient left
// unchosen is named at its field, and the form is not sent.
import type { MessageKey } from "./i18n.js";

export type Problems<F extends string> = Partial<Record<F, MessageKey>>;

export interface InspectionChoice {
  scanned: boolean;
  physicallyExamined: boolean;
  documentary: boolean;
  inspectedBy: string;
  inspectedAt: string;
  outcome: string;
}

export function inspectionProblems(form: InspectionChoice): Problems<"methods" | "inspectedBy" | "inspectedAt" | "outcome"> {
  const problems: Problems<"methods" | "inspectedBy" | "inspectedAt" | "outcome"> = {};
  if (!form.scanned && !form.physicallyExamined && !form.documentary) problems.methods = "inspection.methodRequired";
  if (!form.inspectedBy.trim()) problems.inspectedBy = "form.required";
  if (!form.inspectedAt || Number.isNaN(new Date(form.inspectedAt).getTime())) problems.inspectedAt = "form.required";
  if (!form.outcome) problems.outcome = "form.chooseRequired";
  return problems;
}

export interface SeizureChoice {
  commodity: string;
  quantity: string;
  quantityUnit: string;
  concealment: string;
  detectionMethod: string;
  personsArrested: string;
}

/** "12,5" and "12.5" are the same quantity. */
export const quantityOf = (text: string) => Number(text.trim().replace(",", "."));

export function seizureProblems(form: SeizureChoice): Problems<keyof SeizureChoice> {
  const problems: Problems<keyof SeizureChoice> = {};
  if (!form.commodity) problems.commodity = "form.chooseRequired";
  const quantity = quantityOf(form.quantity);
  if (!form.quantity.trim()) problems.quantity = "form.required";
  else if (!Number.isFinite(quantity) || quantity <= 0) problems.quantity = "seizure.quantityPositive";
  if (!form.quantityUnit) problems.quantityUnit = "form.chooseRequired";
  if (!form.concealment) problems.concealment = "form.chooseRequired";
  if (!form.detectionMethod) problems.detectionMethod = "form.chooseRequired";
  const arrested = Number(form.personsArrested);
  if (form.personsArrested.trim() === "" || !Number.isInteger(arrested) || arrested < 0) problems.personsArrested = "seizure.arrestedWhole";
  return problems;
}

export interface ReferralChoice {
  kind: string;
  name: string;
  /** For a programme unit: the unit referred to (its code), named by the API after it. */
  unitCode?: string;
}

export function referralProblems(form: ReferralChoice): Problems<keyof ReferralChoice> {
  const problems: Problems<keyof ReferralChoice> = {};
  if (!form.kind) problems.kind = "form.chooseRequired";
  if (form.kind === "programme_unit") {
    if (!form.unitCode) problems.unitCode = "form.chooseRequired";
  } else if (form.name.trim().length < 2) problems.name = "referral.nameRequired";
  return problems;
}
