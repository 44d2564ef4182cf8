// ISO 6346 container numbers and size-type codes. Officers notice a wrong
// check digit at once, and a mistyped number on a manifest is itself a risk
// indicator, so the reasons below say exactly what is wrong.

/** Owner code (3 letters) + equipment category (U freight, J detachable equipment, Z trailer/chassis). */
const OWNER_AND_CATEGORY = /^[A-Z]{3}[UJZ]$/;
const CANONICAL = /^[A-Z]{4}\d{7}$/;

// Letter values skip 11, 22 and 33 so that no letter is worth a multiple of 11
// (which would make it invisible to the mod-11 check).
const LETTER_VALUES: Readonly<Record<string, number>> = (() => {
  const values: Record<string, number> = {};
  let value = 10;
  for (let code = 65; code <= 90; code++) {
    if (value % 11 === 0) value++;
    values[String.fromCharCode(code)] = value++;
  }
  return values;
})();

/**
 * Check digit for the first 10 characters (owner code, category, 6-digit serial).
 * A remainder of 10 becomes 0, as the standard says.
 * @throws RangeError when `first10` is not 4 letters followed by 6 digits.
 */
export function containerCheckDigit(first10: string): number {
  if (!/^[A-Z]{4}\d{6}$/.test(first10)) {
    throw new RangeError(`expected 4 capital letters and 6 digits, got "${first10}"`);
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10.charAt(i);
    const value = i < 4 ? (LETTER_VALUES[ch] ?? 0) : ch.charCodeAt(0) - 48;
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** Spaces, hyphens and slashes removed, upper-cased: "csqu 305438-3" → "CSQU3054383". */
export function normalizeContainerNumber(s: string): string {
  return s.replace(/[\s\-/]/g, "").toUpperCase();
}

/** Null when `s` is a canonical, valid ISO 6346 container number, else why not. */
export function validateContainerNumber(s: string): string | null {
  if (s.length !== 11) {
    return `must be 11 characters (owner code, category, 6-digit serial, check digit), got ${s.length}`;
  }
  const prefix = s.slice(0, 4);
  if (!OWNER_AND_CATEGORY.test(prefix)) return "owner code must be 3 letters followed by U, J or Z";
  if (!/^\d{6}$/.test(s.slice(4, 10))) return "serial number must be 6 digits";
  const given = s.charAt(10);
  if (!/^\d$/.test(given)) return "check digit must be a digit";
  const expected = containerCheckDigit(s.slice(0, 10));
  return Number(given) === expected ? null : `check digit should be ${expected}`;
}

export function isContainerNumber(s: string): boolean {
  return CANONICAL.test(s) && validateContainerNumber(s) === null;
}

// ---- Size-type codes (ISO 6346:1995, e.g. 22G1, 45R1, L5G1) ----

/** First character: external length. */
const LENGTHS: Readonly<Record<string, { ft: number; mm: number }>> = {
  "1": { ft: 10, mm: 2991 }, "2": { ft: 20, mm: 6058 }, "3": { ft: 30, mm: 9125 }, "4": { ft: 40, mm: 12192 },
  A: { ft: 24, mm: 7150 }, B: { ft: 24, mm: 7315 }, C: { ft: 24.5, mm: 7430 }, D: { ft: 24, mm: 7450 },
  E: { ft: 24, mm: 7820 }, F: { ft: 27, mm: 8100 }, G: { ft: 41, mm: 12500 }, H: { ft: 43, mm: 13106 },
  K: { ft: 44, mm: 13600 }, L: { ft: 45, mm: 13716 }, M: { ft: 48, mm: 14630 }, N: { ft: 49, mm: 14935 },
  P: { ft: 53, mm: 16154 },
};

/** Second character: height, and whether the box is wider than 8 ft (pallet-wide). */
const HEIGHTS: Readonly<Record<string, { height: string; highCube: boolean; palletWide: boolean }>> = {
  "0": { height: "8'", highCube: false, palletWide: false },
  "2": { height: "8'6\"", highCube: false, palletWide: false },
  "4": { height: "9'", highCube: false, palletWide: false },
  "5": { height: "9'6\"", highCube: true, palletWide: false },
  "6": { height: "over 9'6\"", highCube: true, palletWide: false },
  "8": { height: "4'3\"", highCube: false, palletWide: false },
  "9": { height: "4' or less", highCube: false, palletWide: false },
  C: { height: "8'6\"", highCube: false, palletWide: true },
  D: { height: "9'", highCube: false, palletWide: true },
  E: { height: "9'6\"", highCube: true, palletWide: true },
  F: { height: "over 9'6\"", highCube: true, palletWide: true },
  L: { height: "8'6\"", highCube: false, palletWide: true },
  M: { height: "9'", highCube: false, palletWide: true },
  N: { height: "9'6\"", highCube: true, palletWide: true },
  P: { height: "over 9'6\"", highCube: true, palletWide: true },
};

export type ContainerGroup =
  | "general" | "ventilated" | "bulk" | "named_cargo" | "reefer" | "insulated"
  | "open_top" | "platform" | "tank" | "air_surface";

/** Third character: type group, with the detail digits the standard assigns to it. */
const GROUPS: Readonly<Record<string, { group: ContainerGroup; label: string; digits: string }>> = {
  G: { group: "general", label: "general purpose", digits: "0123456789" },
  V: { group: "ventilated", label: "ventilated", digits: "024" },
  B: { group: "bulk", label: "dry bulk", digits: "0123456" },
  S: { group: "named_cargo", label: "named cargo (livestock, cars, live fish)", digits: "012" },
  R: { group: "reefer", label: "reefer", digits: "0123" },
  H: { group: "insulated", label: "insulated / heated", digits: "01256" },
  U: { group: "open_top", label: "open top", digits: "012345" },
  P: { group: "platform", label: "flat rack / platform", digits: "0123456" },
  T: { group: "tank", label: "tank", digits: "0123456789" },
  A: { group: "air_surface", label: "air/surface", digits: "0" },
};

// Typical tare and rated maximum gross by length and group; payload = max
// gross - tare. Rough figures (boxes of one size differ by a tonne or two):
// good enough to call 35 t in a 20 ft box implausible, not to weigh it.
function typicalTareKg(lengthFt: number, group: ContainerGroup, highCube: boolean): number {
  const base = lengthFt <= 10 ? 1_300 : lengthFt <= 20 ? 2_200 : lengthFt <= 30 ? 2_900 : lengthFt <= 41 ? 3_750 : 4_800;
  const factor = group === "reefer" || group === "insulated" ? 1.2 : group === "tank" ? 1.6 : group === "platform" ? 1.3 : 1;
  return Math.round(base * factor + (highCube && lengthFt <= 41 ? 150 : 0));
}

function ratedMaxGrossKg(lengthFt: number, group: ContainerGroup): number {
  if (lengthFt <= 10) return 10_160;
  if (lengthFt <= 20) return 30_480;
  // Modern 40 ft reefers are rated 34 t so they can carry a full load of fruit.
  return group === "reefer" ? 34_000 : 32_500;
}

export interface ContainerTypeInfo {
  code: string;
  lengthFt: number;
  lengthMm: number;
  /** Twenty-foot equivalent units: length / 20. */
  teu: number;
  height: string;
  highCube: boolean;
  palletWide: boolean;
  group: ContainerGroup;
  isReefer: boolean;
  isTank: boolean;
  isOpenTop: boolean;
  isFlatRack: boolean;
  typicalTareKg: number;
  maxGrossKg: number;
  /** Max gross less typical tare: the cargo weight a manifest may declare. */
  maxPayloadKg: number;
  /** "40 ft high cube reefer". */
  label: string;
}

/** Null when `code` is a valid ISO 6346 size-type code (e.g. 45R1), else why not. */
export function validateContainerType(code: string): string | null {
  if (code.length !== 4) return `size-type code must be 4 characters (e.g. 22G1, 45R1), got ${code.length}`;
  const [len = "", height = "", group = "", detail = ""] = code.split("");
  if (!(len in LENGTHS)) return `length code "${len}" is not an ISO 6346 length (1, 2, 3, 4, L, M...)`;
  if (!(height in HEIGHTS)) return `height code "${height}" is not an ISO 6346 height/width code (0, 2, 4, 5, 6, 8, 9, C-F, L-P)`;
  const g = GROUPS[group];
  if (!g) {
    if (/^\d$/.test(group)) return "looks like a pre-1995 numeric type code; use the current form (e.g. 22G1)";
    return `type group "${group}" is not an ISO 6346 group (G, V, B, S, R, H, U, P, T, A)`;
  }
  if (!/^\d$/.test(detail)) return "the last character must be a digit";
  if (!g.digits.includes(detail)) return `${group}${detail} is not an assigned ${g.label} type`;
  return null;
}

/** Size, height and type of a size-type code, or null when the code is invalid. */
export function describeContainerType(code: string): ContainerTypeInfo | null {
  if (validateContainerType(code) !== null) return null;
  const length = LENGTHS[code.charAt(0)];
  const height = HEIGHTS[code.charAt(1)];
  const group = GROUPS[code.charAt(2)];
  if (!length || !height || !group) return null;
  const tare = typicalTareKg(length.ft, group.group, height.highCube);
  const maxGross = ratedMaxGrossKg(length.ft, group.group);
  const flatRack = group.group === "platform";
  const label = `${length.ft} ft ${height.highCube ? "high cube " : ""}${flatRack ? "flat rack" : group.label}`;
  return {
    code,
    lengthFt: length.ft,
    lengthMm: length.mm,
    teu: length.ft / 20,
    height: height.height,
    highCube: height.highCube,
    palletWide: height.palletWide,
    group: group.group,
    isReefer: group.group === "reefer",
    isTank: group.group === "tank",
    isOpenTop: group.group === "open_top",
    isFlatRack: flatRack,
    typicalTareKg: tare,
    maxGrossKg: maxGross,
    maxPayloadKg: maxGross - tare,
    label,
  };
}
