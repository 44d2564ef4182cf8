// Officer: one container — manifest data (with its type, seals and freight terms: shipment-equipment.tsx), why it was flagged (every matched
// indicator with points and evidence, from the profile versions in force; a
// retired version's assessment below them, marked as no longer in force),
// alerts from other units, inspections, and the forms to record an inspection, a seizure and a referral (ShipmentForms.tsx).
import { COMMODITY, INSPECTION_OUTCOME, PARTY_ROLE, quantityText, term } from "../terms.js";
import { shareSeizureLink } from "../alerts.js";
import { useApp } from "../context.js";
import { EMPTY_FILTERS, shipmentQuery } from "../query.js";
import { useApi, useApiPages, useInvalidate } from "../server-state.js";
import { EvidenceList } from "../evidence-list.js";
import { evidenceValueText } from "../evidence-text.js";
import { indicatorLabel } from "../indicator-labels.js";
import { ScrollRegion } from "../a11y.js";
import { useScrollToHash } from "../scroll-to-hash.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import { BandBadge, Empty, ErrorMessage, Link, Loading } from "../ui.js";
import type { QueueItem } from "./Queue.js";
import { BandBasis, DecisionPanel, QueueNavigation, type BandLanes } from "./ShipmentTriage.js";
import { InspectionForm, ReferralForm, SeizureForm } from "./ShipmentForms.js";
import { EquipmentFacts } from "./shipment-equipment.js";

interface Indicator {
  code: string;
  label: string;
  points: number;
  evidence?: { field: string; value: string | number | boolean | null }[];
}
interface Assessment {
  profile: { code: string; name: string; version: number; rationale: string | null; status?: string; retiredAt?: string | null };
  /** Absent from an older server: then every assessment reads as in force, as before. */
  inForce?: boolean;
  score: number;
  band: string;
  selected: boolean;
  random: boolean;
  indicators: Indicator[];
}
interface ShipmentView {
  id: string;
  manifest: {
    manifestRef: string;
    vessel: { name: string | null; voyage: string | null; imo: string | null };
    flightNumber: string | null;
    portOfLoading: string | null;
    transshipmentPorts: string[];
    portOfDischarge: string | null;
    arrivalDate: string;
  } | null;
  billOfLading: string;
  containerNumber: string | null;
  /** ISO 6346 size-type code (45R1), seals and freight terms as the manifest gave them. */
  containerType: string | null;
  sealNumbers: string[];
  freightTerms: string | null;
  parties: unknown;
  hsCodes: string[];
  goodsDescription: string | null;
  packages: number | null;
  packageType: string | null;
  grossWeightKg: number | null;
  declaredValue: { amount: number; currency: string | null } | null;
  countryOfOrigin: string | null;
  /** The band the queue shows (the unit's lanes); scoring.band is the profile's own. */
  band: string | null;
  lanes: BandLanes | null;
  scoring: { status: string; score: number | null; band: string | null; selected: boolean; random: boolean } | null;
  /** Those of versions in force first (inForce), then those of retired versions, no longer the container's reasons. */
  assessments: Assessment[];
  inspections: { id: string; outcome: string; methods: string[]; inspectedAt: string; inspectedBy: string | null; notes: string | null }[];
}
export interface SeizureItem {
  id: string;
  inspectionId: string;
  shipmentId: string;
  commodity: string;
  quantity: number;
  quantityUnit: string;
  seizedAt: string;
  /** "unit": may be shared with other units; "agency": stays in the agency. */
  sharing?: string;
  /** Referrals made of it: one is offered as a link, never a second "Refer". */
  referrals?: { id: string }[];
}


function partiesOf(parties: unknown): [string, string][] {
  if (!parties || typeof parties !== "object") return [];
  const entries = Array.isArray(parties) ? parties.map((p, i) => [String((p as { role?: string }).role ?? i), p] as const) : Object.entries(parties);
  return entries.map(([role, party]) => {
    const p = party as { name?: string; country?: string } | string | null;
    return [role, typeof p === "string" ? p : [p?.name, p?.country].filter(Boolean).join(", ")];
  });
}

export function ShipmentPage({ shipmentId }: { shipmentId: string }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const isOfficer = unit!.yourRoles.includes("officer");
  const shipment = useApi<ShipmentView>(`/v1/units/${code}/shipments/${shipmentId}`);
  // The unit's seizure list (shared in the cache with the alerts screen), this container's only.
  const seizures = useApi(isOfficer ? `/v1/units/${code}/seizures?limit=500` : null, (r: { items: SeizureItem[] }) => r.items.filter((s) => s.shipmentId === shipmentId));
  const container = shipment.data?.containerNumber;
  // Alerts from other units come with the queue item: read as the queue's search of every container with this number
  // reads it, so the queue and this page share one paged list and one fetch.
  const alertSearch = { ...EMPTY_FILTERS, search: container ?? "", flaggedOnly: false };
  const alerts = useApiPages<{ items: QueueItem[]; nextCursor: string | null }>(
    `/v1/units/${code}/shipments?${shipmentQuery(alertSearch)}`,
    (after) => `/v1/units/${code}/shipments?${shipmentQuery(alertSearch, after)}`,
    { enabled: container !== undefined && container !== null },
  );
  const alertList = !container ? [] : alerts.data && (alerts.data.pages.flatMap((p) => p.items).find((i) => i.id === shipmentId)?.alerts ?? []);
  const invalidate = useInvalidate();
  // The decision panel's read (the same cached one): until it shows, the page above the sections is shorter.
  // A past shipment (the unit's history: no scoring state, never queued) has no decision to take: not read.
  const queued = shipment.data ? shipment.data.scoring !== null : undefined;
  const decision = useApi(isOfficer && queued ? `/v1/units/${code}/shipments/${shipmentId}/decision` : null);
  // A link to a section (the referral's "seizure" link: #seizures-h) lands there once what stands above it has loaded.
  useScrollToHash(shipment.isSuccess && !decision.isLoading && !seizures.isLoading && !alerts.isLoading);

  if (shipment.isPending) return <Loading />;
  if (shipment.error) return <ErrorMessage error={shipment.error} retry={() => void shipment.refetch()} />;
  const s = shipment.data;
  const m = s.manifest;
  // Random selection is the unit's verdict (scoring state), as in the queue: a retired version's draw, listed with its
  // assessment below, does not make the container a random selection now. Without a scoring state, its assessments say.
  const random = s.scoring ? s.scoring.random : s.assessments.some((a) => a.random);
  // An inspection or a seizure changes this page, the queue's rows, the unit's seizures and the managers' summaries.
  const refresh = () => void invalidate(`/v1/units/${code}/shipments`, `/v1/units/${code}/seizures`, "/v1/summaries");
  // Evidence values read like the rest of the page: numbers, dates and yes/no in the user's language.
  const evidenceValue = (value: string | number | boolean | null) => evidenceValueText(t, fmt, value);
  // Why it was flagged: the indicators sort by their label or points (the largest first).
  const indicatorColumns: DataColumn<Indicator>[] = [
    {
      id: "indicator",
      header: t("shipment.indicator"),
      sortValue: (i) => indicatorLabel(t, i.label),
      cell: (i) => (
        <>
          <strong>{indicatorLabel(t, i.label)}</strong> <code>{i.code}</code>
        </>
      ),
    },
    { id: "points", header: t("shipment.points"), sortValue: (i) => i.points, descFirst: true, numeric: true, cell: (i) => fmt.number(i.points, 1) },
    { id: "evidence", header: t("shipment.evidence"), cell: (i) => <EvidenceList evidence={i.evidence ?? []} text={evidenceValue} /> },
  ];

  const inForce = s.assessments.filter((a) => a.inForce !== false);
  const earlier = s.assessments.filter((a) => a.inForce === false);
  const indicatorTable = (a: Assessment) =>
    a.indicators.length === 0 ? (
      <Empty>{t("shipment.noIndicators")}</Empty>
    ) : (
      <ScrollRegion label={t("shipment.profile", { code: a.profile.code, version: a.profile.version })}>
        <DataTable rows={a.indicators} columns={indicatorColumns} rowKey={(i) => i.code} rowTestId="indicator" sortLabel={(column) => t("table.sortBy", { column })} />
      </ScrollRegion>
    );

  return (
    <article aria-labelledby="shipment-title">
      <QueueNavigation shipmentId={shipmentId} />
      <h1 id="shipment-title">{t("shipment.title", { container: s.containerNumber ?? s.billOfLading })}</h1>
      <p className="summary">
        {t("shipment.score")}: <strong>{fmt.number(s.scoring?.score, 1)}</strong> <BandBadge band={s.lanes ? s.band : s.scoring?.band} />
      </p>
      <BandBasis band={s.band} profileBand={s.scoring?.band ?? null} lanes={s.lanes} />
      {random && (
        <p className="tag random" data-testid="random-selection">
          {t("shipment.random")}
        </p>
      )}
      {!s.scoring && (
        <p className="tag" data-testid="past-shipment">
          {t("shipment.past")}
        </p>
      )}
      {isOfficer && s.scoring && <DecisionPanel shipmentId={shipmentId} />}
      <section aria-labelledby="manifest-h">
        <h2 id="manifest-h">{t("shipment.manifest")}</h2>
        <dl className="facts">
          <dt>{t("col.bl")}</dt>
          <dd>{s.billOfLading}</dd>
          <EquipmentFacts s={s} t={t} fmt={fmt} />
          <dt>{t("shipment.manifestRef")}</dt>
          <dd>{m?.manifestRef ?? t("app.none")}</dd>
          <dt>{t("shipment.vessel")}</dt>
          <dd>{m?.vessel.name ?? m?.flightNumber ?? t("app.none")}</dd>
          <dt>{t("shipment.voyage")}</dt>
          <dd>{m?.vessel.voyage ?? t("app.none")}</dd>
          <dt>{t("shipment.portOfLoading")}</dt>
          <dd>{m?.portOfLoading ?? t("app.none")}</dd>
          <dt>{t("shipment.transshipment")}</dt>
          <dd>{m?.transshipmentPorts.join(", ") || t("app.none")}</dd>
          <dt>{t("shipment.portOfDischarge")}</dt>
          <dd>{m?.portOfDischarge ?? t("app.none")}</dd>
          <dt>{t("shipment.arrival")}</dt>
          <dd>{fmt.date(m?.arrivalDate)}</dd>
          <dt>{t("shipment.goods")}</dt>
          <dd>{s.goodsDescription ?? t("app.none")}</dd>
          <dt>{t("shipment.hsCodes")}</dt>
          <dd>{s.hsCodes.join(", ") || t("app.none")}</dd>
          <dt>{t("shipment.packages")}</dt>
          <dd>
            {fmt.number(s.packages, 0)} {s.packageType ?? ""}
          </dd>
          <dt>{t("shipment.grossWeight")}</dt>
          <dd>{s.grossWeightKg === null ? t("app.none") : `${fmt.number(s.grossWeightKg, 1)} kg`}</dd>
          <dt>{t("shipment.value")}</dt>
          <dd>{fmt.money(s.declaredValue?.amount, s.declaredValue?.currency)}</dd>
          <dt>{t("shipment.origin")}</dt>
          <dd>{s.countryOfOrigin ?? t("app.none")}</dd>
          {partiesOf(s.parties).map(([role, name]) => (
            <FragmentPair key={role} term={term(t, PARTY_ROLE, role)} value={name} />
          ))}
        </dl>
      </section>
      <section aria-labelledby="why-h">
        <h2 id="why-h">{t("shipment.assessments")}</h2>
        {/* The reasons are those of the versions in force, as in the queue; a retired version's assessment follows, marked, its indicators folded. */}
        {inForce.length === 0 && <Empty>{earlier.length === 0 ? t("shipment.noIndicators") : t("shipment.noAssessmentInForce")}</Empty>}
        {inForce.map((a) => (
          <div key={`${a.profile.code}-${a.profile.version}`} className="assessment" data-testid="assessment-in-force">
            <h3>
              {t("shipment.profile", { code: a.profile.code, version: a.profile.version })} — {fmt.number(a.score, 1)} <BandBadge band={a.band} />
              {a.random && <span className="tag random">{t("detection.random")}</span>}
            </h3>
            {indicatorTable(a)}
          </div>
        ))}
        {earlier.length > 0 && <h3 id="retired-h">{t("shipment.retiredAssessments")}</h3>}
        {earlier.map((a) => (
          <div key={`${a.profile.code}-${a.profile.version}`} className="assessment retired" data-testid="assessment-retired">
            <h4>
              {t("shipment.profile", { code: a.profile.code, version: a.profile.version })} — {fmt.number(a.score, 1)} <BandBadge band={a.band} />
              {a.random && <span className="tag random">{t("detection.random")}</span>}
            </h4>
            <p className="tag retired">
              {a.profile.retiredAt
                ? t("shipment.retiredOn", { version: a.profile.version, date: fmt.date(a.profile.retiredAt) })
                : t("shipment.notInForce", { version: a.profile.version })}
            </p>
            <details>
              <summary>{t("shipment.retiredIndicators", { n: a.indicators.length })}</summary>
              {indicatorTable(a)}
            </details>
          </div>
        ))}
      </section>
      <section aria-labelledby="alerts-h">
        <h2 id="alerts-h">{t("shipment.alerts")}</h2>
        {alerts.isLoading && <Loading />}
        {alerts.error && <ErrorMessage error={alerts.error} retry={() => void alerts.refetch()} />}
        {alertList && alertList.length === 0 && <Empty>{t("shipment.noAlerts")}</Empty>}
        {alertList && alertList.length > 0 && (
          <ul data-testid="shipment-alerts">
            {alertList.map((a) => (
              <li key={a.alertId}>
                <Link to={`/units/${code}/alerts/${a.alertId}`}>{t("shipment.alertFrom", { unit: a.fromUnit })}</Link>: {a.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="inspections-h">
        <h2 id="inspections-h">{t("shipment.inspections")}</h2>
        {s.inspections.length === 0 ? (
          <Empty>{t("shipment.noInspections")}</Empty>
        ) : (
          <ul>
            {s.inspections.map((i) => (
              <li key={i.id} data-testid="inspection">
                {fmt.dateTime(i.inspectedAt)} — {term(t, INSPECTION_OUTCOME, i.outcome)} — {i.inspectedBy ?? ""} {i.notes ? `· ${i.notes}` : ""}
              </li>
            ))}
          </ul>
        )}
        {isOfficer && <InspectionForm shipmentId={s.id} onSaved={refresh} />}
      </section>
      {isOfficer && (
        <section aria-labelledby="seizures-h">
          <h2 id="seizures-h" tabIndex={-1}>
            {t("shipment.seizures")}
          </h2>
          {seizures.isPending && <Loading />}
          {seizures.error && <ErrorMessage error={seizures.error} retry={() => void seizures.refetch()} />}
          {seizures.data && seizures.data.length === 0 && <Empty>{t("shipment.noSeizures")}</Empty>}
          {seizures.data && seizures.data.length > 0 && (
            <ul>
              {seizures.data.map((z) => (
                <li key={z.id} data-testid="seizure">
                  {term(t, COMMODITY, z.commodity)} — {quantityText(t, fmt, z.quantity, z.quantityUnit)} — {fmt.dateTime(z.seizedAt)}
                  {z.sharing === "unit" && (
                    <>
                      {" "}
                      <Link to={shareSeizureLink(code, z.id)} className="inline-link">
                        {t("shipment.shareSeizure")}
                      </Link>
                    </>
                  )}
                  {z.referrals && z.referrals.length > 0 ? (
                    <Link to={`/units/${code}/referrals/${z.referrals[0]!.id}`} className="inline-link">
                      {t("seizure.viewReferral")}
                    </Link>
                  ) : (
                    <ReferralForm seizureId={z.id} />
                  )}
                </li>
              ))}
            </ul>
          )}
          {s.inspections.some((i) => i.outcome === "seizure") && (
            <SeizureForm inspections={s.inspections.filter((i) => i.outcome === "seizure")} onSaved={refresh} />
          )}
        </section>
      )}
    </article>
  );
}

function FragmentPair({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value || "—"}</dd>
    </>
  );
}
