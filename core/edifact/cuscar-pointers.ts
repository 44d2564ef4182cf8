// From a field of the manifest contract back to the CUSCAR segment (and data
// element) it was mapped from, so a validation error of the manifest schema
// (`shipments[3].containerNumber: check digit should be 3`) reaches the
// sender as "EQD at position 41, element 2". Resolved only for the fields
// that failed: a 15,000-container message builds no map up front.
import { value } from "./cuscar-groups.js";
import type { MappedMessage } from "./cuscar-to-manifest.js";
import type { ShipmentTrace } from "./cuscar-shipments.js";
import type { Segment } from "./edifact-syntax.js";

export interface Pointer {
  segment: Segment;
  element?: number;
  component?: number;
}

export function pointerFor(mapped: MappedMessage, path: readonly PropertyKey[], unh: Segment): Pointer {
  const v = mapped.voyage;
  const fallback: Pointer = v.bgm ? { segment: v.bgm } : { segment: unh };
  const [head, second, third, fourth] = path;
  const at = (segment: Segment | undefined, element?: number, component?: number): Pointer =>
    segment ? { segment, ...(element ? { element } : {}), ...(component ? { component } : {}) } : fallback;
  switch (head) {
    case "manifestRef":
      return at(v.bgm, 2);
    case "vessel":
      if (second === "imo") return v.imo?.tag === "RFF" ? at(v.imo, 1, 2) : at(v.imo, 8, 1);
      if (second === "name") return at(v.tdt, 8, 4);
      if (second === "voyage") return at(v.tdt, 2);
      return at(v.tdt);
    case "carrier":
      return at(v.carrier);
    case "portOfLoading":
      return at(v.loading ?? v.tdt, v.loading ? 2 : undefined);
    case "portOfDischarge":
      return at(v.discharge ?? v.tdt, v.discharge ? 2 : undefined);
    case "transshipmentPorts":
      return at(typeof second === "number" ? v.transhipments[second] : v.transhipments[0], 2);
    case "departureDate":
      return at(v.departure ?? v.tdt, v.departure ? 1 : undefined);
    case "arrivalDate":
      return at(v.arrival ?? v.tdt, v.arrival ? 1 : undefined);
    case "manifestFiledAt":
    case "manifestAmendedAt":
      return at(v.documentDate, 1);
    case "shipments": {
      const trace = typeof second === "number" ? mapped.shipments[second] : undefined;
      if (!trace) return at(mapped.shipments[0]?.consignment.segment ?? v.bgm);
      return shipmentPointer(trace, third, fourth) ?? at(trace.consignment.segment);
    }
    default:
      return fallback;
  }
}

function shipmentPointer(trace: ShipmentTrace, field: PropertyKey | undefined, index: PropertyKey | undefined): Pointer | undefined {
  const equipment = trace.equipment?.segment;
  const nth = <T>(list: T[]) => (typeof index === "number" ? list[index] : undefined) ?? list[0];
  switch (field) {
    case "billOfLading":
      return trace.billOfLading.tag === "RFF" ? { segment: trace.billOfLading, element: 1, component: 2 } : { segment: trace.billOfLading, element: 2 };
    case "houseBillOfLading":
      return { segment: trace.consignment.references.find((r) => value(r, 1, 1) === "BH") ?? trace.consignment.segment, element: 1, component: 2 };
    case "containerNumber":
      return equipment ? { segment: equipment, element: 2 } : trace.placement ? { segment: trace.placement, element: 1 } : undefined;
    case "containerType":
      return equipment ? { segment: equipment, element: 3 } : undefined;
    case "isEmpty":
      return equipment ? { segment: equipment, element: 6 } : undefined;
    case "sealNumbers": {
      const seal = trace.equipment ? nth(trace.equipment.seals) : undefined;
      return seal ? { segment: seal, element: 1 } : undefined;
    }
    case "shipper":
    case "consignee":
    case "notifyParty":
    case "forwarder":
    case "declarant": {
      const nad = trace.parties[field];
      return nad ? { segment: nad } : undefined;
    }
    case "hsCodes": {
      const tariffs = trace.goods.flatMap((g) => g.tariffs);
      const tariff = nth(tariffs);
      return tariff ? { segment: tariff, element: 2 } : trace.goods[0] ? { segment: trace.goods[0].segment } : undefined;
    }
    case "goodsDescription": {
      const ftx = trace.goods.flatMap((g) => g.descriptions)[0];
      return ftx ? { segment: ftx, element: 4 } : trace.goods[0] ? { segment: trace.goods[0].segment } : undefined;
    }
    case "packages":
    case "packageType":
      return trace.goods[0] ? { segment: trace.goods[0].segment, element: 2 } : undefined;
    case "grossWeightKg":
    case "netWeightKg": {
      const mea = trace.goods.flatMap((g) => g.measures)[0] ?? trace.equipment?.measures[0];
      return mea ? { segment: mea, element: 3 } : undefined;
    }
    case "declaredValue":
      return trace.declaredValue ? { segment: trace.declaredValue, element: 1, component: index === "currency" ? 3 : 2 } : undefined;
    case "freightTerms":
      return trace.charge ? { segment: trace.charge, element: 3 } : undefined;
    case "bookingDate":
      return trace.booking ? { segment: trace.booking, element: 1, component: 2 } : undefined;
    case "placeOfDelivery":
    case "countryOfOrigin":
    case "countryOfDeparture":
    case "stuffingLocation": {
      const loc = trace.locations[field];
      return loc ? { segment: loc, element: 2 } : undefined;
    }
    default:
      return undefined;
  }
}
