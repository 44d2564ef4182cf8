// The plain shape the scorer sees. The pipeline (core/) builds it from the
// database rows of a shipment and its manifest; the history importer and the
// CLI build it from CSV rows. profiling/ never sees Prisma or SQL.

export type TransportMode = "sea" | "air" | "road" | "rail";

export interface PartyInput {
  name?: string | undefined;
  address?: string | undefined;
  /** ISO 3166 alpha-2. */
  country?: string | undefined;
  /** Registration / tax / EORI id, or an anonymised code in history data. */
  id?: string | undefined;
  /**
   * Normalised identity linking the same party across shipments (set by the
   * pipeline: registered id where known, else normalised name + country).
   */
  key?: string | undefined;
}

export type PartyRole = "shipper" | "consignee" | "notify" | "forwarder" | "declarant";
export const PARTY_ROLES: readonly PartyRole[] = ["shipper", "consignee", "notify", "forwarder", "declarant"];

/** One container on one bill of lading, with its voyage, as the scorer sees it. */
export interface ShipmentInput {
  /** Stable id; random selection is a hash of it and the profile version. */
  id: string;
  transportMode: TransportMode;
  manifestRef?: string | undefined;
  carrierScac?: string | undefined;
  vesselImo?: string | undefined;
  vesselName?: string | undefined;
  voyage?: string | undefined;
  portOfLoading?: string | undefined;
  transshipmentPorts: string[];
  portOfDischarge?: string | undefined;
  placeOfDelivery?: string | undefined;
  /** ISO dates (YYYY-MM-DD) and timestamps (ISO 8601). */
  departureDate?: string | undefined;
  arrivalDate?: string | undefined;
  manifestFiledAt?: string | undefined;
  manifestAmendedAt?: string | undefined;
  bookingDate?: string | undefined;

  billOfLading?: string | undefined;
  houseBillOfLading?: string | undefined;
  containerNumber?: string | undefined;
  /** ISO 6346 size-type code, e.g. 45R1 (reefer). */
  containerType?: string | undefined;
  sealNumbers: string[];
  /**
   * False when the source carries no seal list at all (a NULL column, as the
   * demo year's COPY leaves it): seals unknown, not missing, so seal rules
   * do not fire. An empty list reported (the contract's default) is missing.
   */
  sealsReported?: false | undefined;
  isEmpty: boolean;

  shipper?: PartyInput | undefined;
  consignee?: PartyInput | undefined;
  notify?: PartyInput | undefined;
  forwarder?: PartyInput | undefined;
  declarant?: PartyInput | undefined;

  hsCodes: string[];
  goodsDescription?: string | undefined;
  packages?: number | undefined;
  packageType?: string | undefined;
  grossWeightKg?: number | undefined;
  netWeightKg?: number | undefined;
  declaredValue?: number | undefined;
  /** ISO 4217. */
  currency?: string | undefined;
  countryOfOrigin?: string | undefined;
  countryOfDeparture?: string | undefined;
  freightTerms?: "prepaid" | "collect" | undefined;
  stuffingLocation?: string | undefined;
  /** Anything else the unit receives (procedure codes, office, tax data...). */
  attributes: Record<string, string | number | boolean | null>;
}

/**
 * What scoring needs beyond the shipment, loaded by the caller before scoring
 * (the scorer does no I/O). Every member is optional in effect: an empty
 * context makes history- and list-based conditions simply not match.
 */
export interface ScoringContext {
  /** Reference time for "first seen within N days" and date arithmetic. */
  now: Date;
  /**
   * Code of the unit scoring the shipment, for profiles scoped to units.
   * Left out (e.g. a back-test over pooled history), unit scopes are ignored.
   */
  unitCode?: string | undefined;
  /** Watchlists of the unit by code; entries are normalised (see features/normalize). */
  watchlists: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * When the unit first saw a party (by party key): the earliest date of a
   * shipment it was on (arrival, else departure; history records by their
   * date). May be on or after the scored shipment's own date.
   */
  partyFirstSeen: (partyKey: string) => Date | undefined;
  /**
   * Whether a party (by key) is linked to a past seizure of the unit.
   * Degree 1 (the default): it was a party of a shipment with a seizure.
   * Degree 2: that, or it shared a shipment of the unit with such a party.
   * Degree 2 therefore includes degree 1.
   */
  partyLinkedToSeizure: (partyKey: string, degree?: 1 | 2) => boolean;
  /**
   * The unit's median declared value per kg for an HS code and an origin
   * country (in the given currency where the caller passes one), undefined
   * where history is too thin.
   */
  medianValuePerKg: (hsCode: string, origin: string | undefined, currency?: string) => number | undefined;
}
