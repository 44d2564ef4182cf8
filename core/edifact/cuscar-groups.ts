// Reads a CUSCAR message's segments into its segment groups (header, SG4
// transport, SG5 equipment, SG7 consignments with SG14 goods items), keeping
// every value's segment so a business error can point at it. Groups are told
// apart by their trigger segments (TDT, EQD, CNI, GID), as the branching
// diagram does; segments a unit does not use (TSR, DGS, PCI...) are skipped.
import { componentOf, type Segment } from "./edifact-syntax.js";

export interface Equipment {
  segment: Segment;
  number: string;
  sizeType: string;
  /** 8169: 4 empty, 5 full groupage, 7 LCL, 8 FCL. */
  fullEmpty: string;
  seals: Segment[];
  measures: Segment[];
}

export interface GoodsItem {
  segment: Segment;
  descriptions: Segment[];
  measures: Segment[];
  placements: Segment[];
  tariffs: Segment[];
  /** MOA: monetary amounts of the goods item (its declared or customs value). */
  amounts: Segment[];
}

export interface Consignment {
  segment: Segment;
  references: Segment[];
  locations: Segment[];
  parties: Segment[];
  measures: Segment[];
  goods: GoodsItem[];
  /** DTM of the consignment (e.g. its booking date). */
  dates: Segment[];
  /** CPI: charge payment instructions (freight prepaid or collect). */
  charges: Segment[];
}

export interface CuscarGroups {
  bgm: Segment | undefined;
  /** Header and SG1 references (RFF) plus SG4 ones: voyage numbers, IMO numbers in national guides. */
  references: Segment[];
  headerDates: Segment[];
  carriers: Segment[];
  transports: { tdt: Segment; locations: Segment[]; dates: Segment[] }[];
  /** LOC and DTM outside any TDT group (some guides put the voyage's places in the header). */
  headerLocations: Segment[];
  equipment: Equipment[];
  consignments: Consignment[];
}

/** The list of a group that has no such segment (shared: lists are only ever replaced, never written to). */
const NONE = Object.freeze([]) as unknown as never[];

/**
 * The list with one more item, as long as it needs to be while short: an
 * array grown by push keeps room for 16 more, and a mega-vessel's groups
 * hold 140,000 lists of one or two segments, alive until the message is stored.
 */
function append<T>(list: T[], item: T): T[] {
  // Literals for the usual one to three: concat built a throw-away array for each item.
  switch (list.length) {
    case 0:
      return [item];
    case 1:
      return [list[0]!, item];
    case 2:
      return [list[0]!, list[1]!, item];
    default:
      if (list.length >= 8) {
        list.push(item);
        return list;
      }
      return list.concat([item]);
  }
}

export const value = (segment: Segment | undefined, element: number, component = 1): string =>
  (componentOf(segment?.elements[element - 1], component - 1) ?? "").trim();

export function readGroups(segments: readonly Segment[]): CuscarGroups {
  const reader = new GroupReader();
  for (const segment of segments) reader.push(segment);
  return reader.groups;
}

/**
 * readGroups segment by segment. With `onConsignment`, a consignment is
 * handed over when no later segment can belong to it any more (the next CNI,
 * TDT or EQD, or the end) instead of being added to groups.consignments, so
 * a mapping that streams keeps no consignment's segments.
 */
export class GroupReader {
  readonly groups: CuscarGroups = { bgm: undefined, references: [], headerDates: [], carriers: [], transports: [], headerLocations: [], equipment: [], consignments: [] };
  private transport: CuscarGroups["transports"][number] | undefined;
  private equipment: Equipment | undefined;
  private consignment: Consignment | undefined;
  private goods: GoodsItem | undefined;

  constructor(private readonly onConsignment?: (consignment: Consignment) => void) {}

  /** Hands over the open consignment (streaming only): call once after the last segment. */
  end(): void {
    this.closeConsignment();
  }

  private closeConsignment(): void {
    const closed = this.consignment;
    this.consignment = undefined;
    if (closed && this.onConsignment) this.onConsignment(closed);
  }

  push(segment: Segment): void {
    const groups = this.groups;
    const { transport, equipment, consignment, goods } = this;
    switch (segment.tag) {
      case "BGM":
        groups.bgm ??= segment;
        break;
      case "TDT":
        this.transport = { tdt: segment, locations: [], dates: [] };
        groups.transports.push(this.transport);
        this.closeConsignment();
        this.equipment = this.goods = undefined;
        break;
      case "EQD":
        this.equipment = { segment, number: value(segment, 2).toUpperCase().replace(/[\s-]/g, ""), sizeType: value(segment, 3).toUpperCase(), fullEmpty: value(segment, 6), seals: NONE, measures: NONE };
        groups.equipment.push(this.equipment);
        this.closeConsignment();
        this.transport = this.goods = undefined;
        break;
      case "CNI":
        this.closeConsignment();
        this.consignment = { segment, references: NONE, locations: NONE, parties: NONE, measures: NONE, goods: NONE, dates: NONE, charges: NONE };
        if (!this.onConsignment) groups.consignments.push(this.consignment);
        this.transport = this.equipment = this.goods = undefined;
        break;
      case "GID":
        if (!consignment) break;
        this.goods = { segment, descriptions: NONE, measures: NONE, placements: NONE, tariffs: NONE, amounts: NONE };
        consignment.goods = append(consignment.goods, this.goods);
        break;
      case "LOC":
        if (consignment) consignment.locations = append(consignment.locations, segment);
        else if (transport) transport.locations.push(segment);
        else groups.headerLocations.push(segment);
        break;
      case "DTM":
        if (transport) transport.dates.push(segment);
        else if (consignment) consignment.dates = append(consignment.dates, segment);
        else if (!equipment) groups.headerDates.push(segment);
        break;
      case "RFF":
        if (consignment) consignment.references = append(consignment.references, segment);
        else groups.references.push(segment);
        break;
      case "NAD":
        if (consignment) consignment.parties = append(consignment.parties, segment);
        else if (!equipment) groups.carriers.push(segment);
        break;
      case "MEA":
        if (goods) goods.measures = append(goods.measures, segment);
        else if (consignment) consignment.measures = append(consignment.measures, segment);
        else if (equipment) equipment.measures = append(equipment.measures, segment);
        break;
      case "SEL":
        if (equipment) equipment.seals = append(equipment.seals, segment);
        break;
      case "FTX":
        if (goods) goods.descriptions = append(goods.descriptions, segment);
        break;
      case "SGP":
        if (goods) goods.placements = append(goods.placements, segment);
        break;
      case "CST":
        if (goods) goods.tariffs = append(goods.tariffs, segment);
        break;
      case "MOA":
        if (goods) goods.amounts = append(goods.amounts, segment);
        break;
      case "CPI":
        if (consignment) consignment.charges = append(consignment.charges, segment);
        break;
      default:
        break;
    }
  }
}
