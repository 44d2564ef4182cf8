// Facts about one shipment that indicators share: derived measures (value per
// kg, route, hours before arrival...) and party keys, each computed at most
// once per score call, and only when an indicator asks for it. One instance
// per shipment can serve several profiles (see combine.ts).
import { isAirWaybill } from "./features/air-waybill.js";
import { describeContainerType, isContainerNumber, normalizeContainerNumber, type ContainerTypeInfo } from "./features/iso6346.js";
import { partyKey, upperCode } from "./features/normalize.js";
import type { KeptKeys } from "./kept-keys.js";
import { prepSlot, type ContextMemo, type PreparedShipment } from "./prepared-shipment.js";
import type { PartyInput, PartyRole, ScoringContext, ShipmentInput } from "./shipment.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const EMPTY: readonly string[] = [];
const NEVER = new Date(NaN);

// Few distinct size-type codes appear; caching their description keeps the
// per-shipment cost at a map look-up. Bounded so odd codes cannot grow it.
const containerTypes = new Map<string, ContainerTypeInfo | null>();
function containerType(code: string): ContainerTypeInfo | null {
  let info = containerTypes.get(code);
  if (info === undefined) {
    info = describeContainerType(code.trim().toUpperCase());
    if (containerTypes.size < 1_000) containerTypes.set(code, info);
  }
  return info;
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Epoch ms of an ISO date ("2026-03-15") or UTC timestamp
 * ("2026-03-15T08:30:00Z", optional seconds and fraction) without Date.parse,
 * which dominated the profile; any other form falls back to Date.parse.
 */
export function isoMs(iso: string | undefined): number {
  if (iso === undefined || iso.length < 10) return iso === undefined || iso === "" ? NaN : Date.parse(iso);
  const y = digits(iso, 0, 4);
  const mo = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  if (iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || Number.isNaN(y + mo + d) || mo < 1 || mo > 12 || d < 1 || d > 31) return Date.parse(iso);
  if (iso.length === 10) return daysFromCivil(y, mo, d) * DAY_MS;
  const n = iso.length;
  // Only "THH:MM", "THH:MM:SS", "THH:MM:SS.sss" followed by Z take the fast path.
  if (iso.charCodeAt(10) !== 84 || iso.charCodeAt(n - 1) !== 90 || (n !== 17 && n !== 20 && n !== 24)) return Date.parse(iso);
  const h = digits(iso, 11, 2);
  const mi = digits(iso, 14, 2);
  const sec = n >= 20 ? digits(iso, 17, 2) : 0;
  const milli = n === 24 ? digits(iso, 20, 3) : 0;
  if (Number.isNaN(h + mi + sec + milli) || h > 23 || mi > 59 || sec > 59) return Date.parse(iso);
  return daysFromCivil(y, mo, d) * DAY_MS + h * HOUR_MS + mi * 60_000 + sec * 1_000 + milli;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm); cheaper than Date.UTC. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const ms = isoMs;

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

// Prepared-shipment slots (prepared-shipment.ts): party keys by role, the median's question, parsed dates.
const KEY_SLOTS = ["shipper", "consignee", "notify", "forwarder", "declarant"].map((role) => prepSlot(`key:${role}`));
const MEDIAN_SLOT = prepSlot("median:hs|origin|currency");
const FILED_SLOT = prepSlot("ms:manifestFiledAt");
const AMENDED_SLOT = prepSlot("ms:manifestAmendedAt");
const ARRIVAL_SLOT = prepSlot("ms:arrivalDate");

// Bit flags of the measures already computed in this instance.
const F_VPK = 1, F_RATIO = 2, F_ROUTE = 4, F_COUNTRIES = 8, F_CONTAINER = 16, F_SEALS = 32;

export class ShipmentFacts {
  private done = 0;
  private vpk: number | undefined;
  private ratio: number | undefined;
  private routePorts: readonly string[] = EMPTY;
  private countries: readonly string[] = EMPTY;
  private container: ContainerTypeInfo | null = null;
  private seals = 0;
  /** First-seen dates by role index; null = not asked yet, NEVER = never seen. */
  private firstSeen: (Date | null)[] | undefined;
  /** Party keys by role index; null = not computed yet. */
  private keys: (string | undefined | null)[] | undefined;
  private arrivalMs: number | undefined;
  /**
   * Normalised table-key texts by key path (kept-keys.ts), kept by a caller
   * that scores the same ShipmentInput again and again (back-tests over a
   * prepared history): they depend on the shipment alone, and normalising
   * party names per table and per run was most of a back-test's CPU.
   */
  keyParts: KeptKeys | undefined;
  /** The shipment prepared (prepared-shipment.ts): shipment-only facts and text numbers kept between score calls. */
  prep: PreparedShipment | undefined = undefined;
  /** The context's answers by text number, kept across the shipments scored with it; only with `prep` of the same pool. */
  memo: ContextMemo | undefined = undefined;

  constructor(readonly s: ShipmentInput, readonly ctx: ScoringContext) {}

  /** Epoch ms of a date field, kept by a prepared shipment. */
  private dateMs(slot: number, iso: string | undefined): number {
    const prep = this.prep;
    if (prep === undefined) return ms(iso);
    let t = prep.value(slot) as number | undefined;
    if (t === undefined) {
      t = ms(iso);
      prep.keep(slot, t);
    }
    return t;
  }

  /** Declared value per kg of net (else gross) weight. */
  valuePerKg(): number | undefined {
    if ((this.done & F_VPK) === 0) {
      this.done |= F_VPK;
      const { declaredValue, netWeightKg, grossWeightKg } = this.s;
      const kg = netWeightKg !== undefined && netWeightKg > 0 ? netWeightKg : grossWeightKg;
      this.vpk = declaredValue !== undefined && declaredValue >= 0 && kg !== undefined && kg > 0 ? declaredValue / kg : undefined;
    }
    return this.vpk;
  }

  /** valuePerKg over the unit's median for the first HS code and origin. */
  valuePerKgRatio(): number | undefined {
    if ((this.done & F_RATIO) === 0) {
      this.done |= F_RATIO;
      const vpk = this.valuePerKg();
      const hs = this.s.hsCodes[0];
      const median = vpk === undefined || hs === undefined ? undefined : this.median(hs);
      this.ratio = vpk !== undefined && median !== undefined && median > 0 ? vpk / median : undefined;
    }
    return this.ratio;
  }

  /** The context's median for the first HS code, origin and currency; through the memo when there is one. */
  private median(hs: string): number | undefined {
    const { countryOfOrigin, currency } = this.s;
    const memo = this.memo;
    const prep = this.prep;
    if (memo === undefined || prep === undefined) return this.ctx.medianValuePerKg(hs, countryOfOrigin, currency);
    // Absent parts are told apart from empty ones: the context may answer them differently.
    const id = prep.textId(MEDIAN_SLOT, `${hs}\u0000${countryOfOrigin ?? "\u0001"}\u0000${currency ?? "\u0001"}`);
    let found = memo.median.get(id);
    if (found === undefined) {
      found = this.ctx.medianValuePerKg(hs, countryOfOrigin, currency) ?? null;
      memo.median.set(id, found);
    }
    return found ?? undefined;
  }

  /** Ports in order: loading, transshipments, discharge (uppercased). */
  route(): readonly string[] {
    if ((this.done & F_ROUTE) === 0) {
      this.done |= F_ROUTE;
      const ports: string[] = [];
      const add = (p: string | undefined) => {
        if (p !== undefined && p.length > 0) ports.push(upperCode(p));
      };
      add(this.s.portOfLoading);
      for (const p of this.s.transshipmentPorts) add(p);
      add(this.s.portOfDischarge);
      this.routePorts = ports;
    }
    return this.routePorts;
  }

  /** Distinct countries of the route's ports. */
  routeCountries(): readonly string[] {
    if ((this.done & F_COUNTRIES) === 0) {
      this.done |= F_COUNTRIES;
      const out: string[] = [];
      for (const port of this.route()) {
        const cc = port.slice(0, 2);
        if (cc.length === 2 && !out.includes(cc)) out.push(cc);
      }
      this.countries = out;
    }
    return this.countries;
  }

  transshipmentCount(): number {
    return this.s.transshipmentPorts.length;
  }

  loadingCountry(): string | undefined {
    const p = this.s.portOfLoading;
    return p !== undefined && p.length >= 2 ? upperCode(p).slice(0, 2) : undefined;
  }

  dischargeCountry(): string | undefined {
    const p = this.s.portOfDischarge;
    return p !== undefined && p.length >= 2 ? upperCode(p).slice(0, 2) : undefined;
  }

  daysBookingToDeparture(): number | undefined {
    return finite((ms(this.s.departureDate) - ms(this.s.bookingDate)) / DAY_MS);
  }

  hoursFiledBeforeArrival(): number | undefined {
    return finite((this.arrival() - this.dateMs(FILED_SLOT, this.s.manifestFiledAt)) / HOUR_MS);
  }

  hoursAmendedBeforeArrival(): number | undefined {
    return finite((this.arrival() - this.dateMs(AMENDED_SLOT, this.s.manifestAmendedAt)) / HOUR_MS);
  }

  /** ISO 6346 description of the container type, null when absent or invalid. */
  containerInfo(): ContainerTypeInfo | null {
    if ((this.done & F_CONTAINER) === 0) {
      this.done |= F_CONTAINER;
      this.container = this.s.containerType === undefined ? null : containerType(this.s.containerType);
    }
    return this.container;
  }

  containerSizeFt(): number | undefined {
    return this.containerInfo()?.lengthFt;
  }

  isReefer(): boolean | undefined {
    return this.containerInfo()?.isReefer;
  }

  maxPayloadKg(): number | undefined {
    return this.containerInfo()?.maxPayloadKg;
  }

  kgPerPackage(): number | undefined {
    const { grossWeightKg, packages } = this.s;
    return grossWeightKg !== undefined && packages !== undefined && packages > 0 ? grossWeightKg / packages : undefined;
  }

  /** ISO 6346 check of the container number; undefined when there is none. */
  containerNumberValid(): boolean | undefined {
    const n = this.s.containerNumber;
    return n === undefined || n.trim() === "" ? undefined : isContainerNumber(normalizeContainerNumber(n));
  }

  /**
   * IATA check of an air shipment's master air waybill (3-digit prefix,
   * 8-digit serial whose last digit is the first seven mod 7); undefined for
   * other modes or without one.
   */
  airWaybillValid(): boolean | undefined {
    const b = this.s.billOfLading;
    return this.s.transportMode !== "air" || b === undefined || b.trim() === "" ? undefined : isAirWaybill(b.trim());
  }

  /** Seal numbers that are not blank. */
  sealCount(): number {
    if ((this.done & F_SEALS) === 0) {
      this.done |= F_SEALS;
      let n = 0;
      for (const seal of this.s.sealNumbers) if (seal.trim().length > 0) n++;
      this.seals = n;
    }
    return this.seals;
  }

  /**
   * The party in a role, by its index in PARTY_ROLES. A switch rather than
   * `s[role]`: a property read with a variable key was a hot spot.
   */
  party(roleIndex: number): PartyInput | undefined {
    switch (roleIndex) {
      case 0: return this.s.shipper;
      case 1: return this.s.consignee;
      case 2: return this.s.notify;
      case 3: return this.s.forwarder;
      default: return this.s.declarant;
    }
  }

  /** When the unit first saw the party in a role (undefined: never, or no party), asked once per role. */
  partyFirstSeen(roleIndex: number, key: string): Date | undefined {
    this.firstSeen ??= [null, null, null, null, null];
    const cached = this.firstSeen[roleIndex];
    if (cached !== null && cached !== undefined) return cached === NEVER ? undefined : cached;
    let seen: Date | undefined;
    const memo = this.memo;
    const prep = this.prep;
    if (memo !== undefined && prep !== undefined) {
      const id = prep.textId(KEY_SLOTS[roleIndex] as number, key);
      let found = memo.firstSeen.get(id);
      if (found === undefined) {
        found = this.ctx.partyFirstSeen(key) ?? null;
        memo.firstSeen.set(id, found);
      }
      seen = found ?? undefined;
    } else {
      seen = this.ctx.partyFirstSeen(key);
    }
    this.firstSeen[roleIndex] = seen ?? NEVER;
    return seen;
  }

  /** Whether the party in a role (its key given) is linked to a seizure; through the memo when there is one. */
  linkedToSeizure(roleIndex: number, key: string, degree: 1 | 2): boolean {
    const memo = this.memo;
    const prep = this.prep;
    if (memo === undefined || prep === undefined) return this.ctx.partyLinkedToSeizure(key, degree);
    const id = prep.textId(KEY_SLOTS[roleIndex] as number, key);
    const flags = degree === 1 ? memo.linked1 : memo.linked2;
    const known = flags.get(id);
    if (known !== 0) return known === 2;
    const found = this.ctx.partyLinkedToSeizure(key, degree);
    flags.set(id, found);
    return found;
  }

  /** The party's identity key (pipeline key, else derived), cached per role. */
  partyKey(_role: PartyRole, roleIndex: number): string | undefined {
    const party = this.party(roleIndex);
    if (party === undefined) return undefined;
    // The pipeline sets keys; only history rows without one need computing.
    if (party.key !== undefined && party.key.length > 0) return party.key;
    this.keys ??= [null, null, null, null, null];
    const cached = this.keys[roleIndex];
    if (cached !== null && cached !== undefined) return cached;
    const key = partyKey(party);
    this.keys[roleIndex] = key;
    return key;
  }

  /** Arrival as epoch ms (NaN when unknown), parsed once. */
  arrival(): number {
    this.arrivalMs ??= this.dateMs(ARRIVAL_SLOT, this.s.arrivalDate);
    return this.arrivalMs;
  }

  /** The time validity windows are measured from: arrival, else now. */
  referenceTime(): number {
    const arrival = this.arrival();
    return Number.isNaN(arrival) ? this.ctx.now.getTime() : arrival;
  }

  /**
   * The shipment's own date, which "first seen within N days" counts back
   * from: arrival, else departure, else the context's now. A shipment scored
   * months after it arrived (a back-test, a re-score) is judged as on its day.
   */
  partyReferenceTime(): number {
    const arrival = this.arrival();
    if (!Number.isNaN(arrival)) return arrival;
    const departure = ms(this.s.departureDate);
    return Number.isNaN(departure) ? this.ctx.now.getTime() : departure;
  }
}
