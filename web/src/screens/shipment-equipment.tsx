// On the container page, with the manifest data: the box itself (its ISO 6346
// size-type code with a reading in plain words, e.g. 45R1 "40 ft high cube,
// reefer", and its seal numbers) and who pays the freight. Seals missing and
// collect freight are what profiles look for, so a missing value is said
// plainly, never left as a dash an officer could take for "not loaded".
import { describeContainerType, type ContainerGroup } from "../../../profiling/features/iso6346.js";
import type { Formatters } from "../format.js";
import type { MessageKey, Translate } from "../i18n.js";

export interface ShipmentEquipment {
  containerType: string | null;
  sealNumbers: string[];
  freightTerms: string | null;
}

const GROUP_KEY: Record<ContainerGroup, MessageKey> = {
  general: "container.group.general",
  ventilated: "container.group.ventilated",
  bulk: "container.group.bulk",
  named_cargo: "container.group.namedCargo",
  reefer: "container.group.reefer",
  insulated: "container.group.insulated",
  open_top: "container.group.openTop",
  platform: "container.group.platform",
  tank: "container.group.tank",
  air_surface: "container.group.airSurface",
};

/** "40 ft high cube, reefer" for 45R1; null for a code that is not a known ISO 6346 size-type code. */
export function containerTypeReading(t: Translate, fmt: Pick<Formatters, "number">, code: string): string | null {
  const info = describeContainerType(code.trim().toUpperCase());
  if (!info) return null;
  return t("container.reading", { length: fmt.number(info.lengthFt, 1), highCube: String(info.highCube), palletWide: String(info.palletWide), group: t(GROUP_KEY[info.group]) });
}

const FREIGHT_KEY: Partial<Record<string, MessageKey>> = { prepaid: "shipment.freight.prepaid", collect: "shipment.freight.collect" };

/** The container type, seals and freight terms as term/description pairs of the page's facts list. */
export function EquipmentFacts({ s, t, fmt }: { s: ShipmentEquipment; t: Translate; fmt: Pick<Formatters, "number"> }) {
  const reading = s.containerType ? containerTypeReading(t, fmt, s.containerType) : null;
  const seals = s.sealNumbers.filter((seal) => seal.trim() !== "");
  const freight = s.freightTerms ? FREIGHT_KEY[s.freightTerms] : undefined;
  return (
    <>
      <dt>{t("shipment.containerType")}</dt>
      <dd data-testid="container-type">
        {s.containerType ? (
          <>
            <code>{s.containerType}</code> — {reading ?? t("container.unknownCode")}
          </>
        ) : (
          t("shipment.notInManifest")
        )}
      </dd>
      <dt>{t("shipment.seals")}</dt>
      <dd data-testid="seal-numbers">{seals.length > 0 ? seals.join(", ") : t("shipment.noSeals")}</dd>
      <dt>{t("shipment.freightTerms")}</dt>
      <dd data-testid="freight-terms">{!s.freightTerms ? t("shipment.notInManifest") : freight ? t(freight) : s.freightTerms}</dd>
    </>
  );
}
