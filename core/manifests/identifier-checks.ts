// The identifier validators the manifest schema uses, each returning null
// when valid or the reason it is not (shown to the sender with the field path).
import { validateAirWaybill, validateUld } from "../../profiling/features/air-waybill.js";
import { isCountryCode } from "../../profiling/features/countries.js";
import { isCurrencyCode } from "../../profiling/features/currencies.js";
import { validateHsCode } from "../../profiling/features/hs.js";
import { validateImo } from "../../profiling/features/imo.js";
import { validateContainerNumber, validateContainerType } from "../../profiling/features/iso6346.js";
import { validateLocode } from "../../profiling/features/locode.js";
import { validateScac } from "../../profiling/features/scac.js";

export const identifierChecks = {
  containerNumber: validateContainerNumber,
  containerType: validateContainerType,
  imo: validateImo,
  locode: validateLocode,
  hsCode: validateHsCode,
  airWaybill: validateAirWaybill,
  uld: validateUld,
  scac: validateScac,
  country: (code: string) => (isCountryCode(code) ? null : "not an ISO 3166 alpha-2 country code"),
  currency: (code: string) => (isCurrencyCode(code) ? null : "not an ISO 4217 currency code"),
} satisfies Record<string, (value: string) => string | null>;
