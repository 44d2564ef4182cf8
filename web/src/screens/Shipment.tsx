// Officer: one container — manifest data, why it was flagged (every matched
// indicator with points and evidence), alerts from other units, inspections,
// and the forms to record an inspection, a seizure and a referral.
import { useNavigate } from "react-router";
import { COMMODITY, CONCEALMENT, DETECTION as DETECTION_TEXT, INSPECTION_OUTCOME, PARTY_ROLE, QUANTITY_UNIT, quantityText, RECIPIENT_KIND, term, type Vocabulary } from "../terms.js";
import { useRef, useState, type FormEvent } from "react";
import { shareSeizureLink } from "../alerts.js";
import { post } from "../api.js";
import { useApp } from "../context.js";
import { useApi, useInvalidate } from "../server-state.js";
import { EvidenceList } from "../evidence-list.js";
import { indicatorLabel } from "../indicator-labels.js";
import { localDateTimeInput } from "../format.js";
import { ScrollRegion, StatusLine } from "../a11y.js";
import { useScrollToHash } from "../scroll-to-hash.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import { BandBadge, Empty, ErrorMessage, Field, Link, Loading } from "../ui.js";
import type { QueueItem } from "./Queue.js";
import { BandBasis, DecisionPanel, QueueNavigation, type BandLanes } from "./ShipmentTriage.js";

interface Indicator {
  code: string;
  label: string;
  points: number;
  evidence?: { field: string; value: string | number | boolean | null }[];
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
  assessments: { profile: { code: string; name: string; version: number; rationale: string | null }; score: number; band: string; selected: boolean; random: boolean; indicators: Indicator[] }[];
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

const COMMODITIES = ["cocaine", "heroin", "cannabis", "opium", "psychotropics", "nps", "precursors", "strategic_goods", "cigarettes", "counterfeit", "wildlife_environment", "alcohol", "vehicles", "other"];
const QUANTITY_UNITS = ["kg", "g", "t", "l", "ml", "units", "pieces", "packs", "sticks"];
const CONCEALMENTS = ["in_cargo", "in_structure", "in_reefer_unit", "rip_on_rip_off", "other"];
const DETECTION = ["profile", "random", "intelligence", "tip_off", "canine", "scanner", "other"];
export const RECIPIENTS = ["national_investigators", "prosecutor", "interpol_ncb", "financial_intelligence_unit", "joint_investigation_team"];

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
  // Alerts from other units come with the queue item.
  const alerts = useApi(container ? `/v1/units/${code}/shipments?containerNumber=${encodeURIComponent(container)}&limit=50` : null, (r: { items: QueueItem[] }) => r.items.find((i) => i.id === shipmentId)?.alerts ?? []);
  const alertList = container ? alerts.data : [];
  const invalidate = useInvalidate();
  // The decision panel's read (the same cached one): until it shows, the page above the sections is shorter.
  const decision = useApi(isOfficer ? `/v1/units/${code}/shipments/${shipmentId}/decision` : null);
  // A link to a section (the referral's "seizure" link: #seizures-h) lands there once what stands above it has loaded.
  useScrollToHash(shipment.isSuccess && !decision.isLoading && !seizures.isLoading && !alerts.isLoading);

  if (shipment.isPending) return <Loading />;
  if (shipment.error) return <ErrorMessage error={shipment.error} retry={() => void shipment.refetch()} />;
  const s = shipment.data;
  const m = s.manifest;
  const random = s.scoring?.random || s.assessments.some((a) => a.random);
  // An inspection or a seizure changes this page, the queue's rows, the unit's seizures and the managers' summaries.
  const refresh = () => void invalidate(`/v1/units/${code}/shipments`, `/v1/units/${code}/seizures`, "/v1/summaries");
  // Evidence values read like the rest of the page: numbers and yes/no in the user's language.
  const evidenceValue = (value: string | number | boolean | null) =>
    typeof value === "number" ? fmt.number(value) : typeof value === "boolean" ? t(value ? "app.yes" : "app.no") : value === null || value === "" ? t("app.none") : value;
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
      {isOfficer && <DecisionPanel shipmentId={shipmentId} />}
      <section aria-labelledby="manifest-h">
        <h2 id="manifest-h">{t("shipment.manifest")}</h2>
        <dl className="facts">
          <dt>{t("col.bl")}</dt>
          <dd>{s.billOfLading}</dd>
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
        {s.assessments.length === 0 && <Empty>{t("shipment.noIndicators")}</Empty>}
        {s.assessments.map((a) => (
          <div key={`${a.profile.code}-${a.profile.version}`} className="assessment">
            <h3>
              {t("shipment.profile", { code: a.profile.code, version: a.profile.version })} — {fmt.number(a.score, 1)} <BandBadge band={a.band} />
              {a.random && <span className="tag random">{t("detection.random")}</span>}
            </h3>
            {a.indicators.length === 0 ? (
              <Empty>{t("shipment.noIndicators")}</Empty>
            ) : (
              <ScrollRegion label={t("shipment.profile", { code: a.profile.code, version: a.profile.version })}>
                <DataTable
                  rows={a.indicators}
                  columns={indicatorColumns}
                  rowKey={(i) => i.code}
                  rowTestId="indicator"
                  sortLabel={(column) => t("table.sortBy", { column })}
                />
              </ScrollRegion>
            )}
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

/** One submission at a time: a second press before the first answers is ignored (the button is disabled too, a beat later). */
function useSubmit() {
  const [state, setState] = useState<{ busy: boolean; error?: Error; done?: boolean }>({ busy: false });
  const pending = useRef(false);
  const run = async (action: () => Promise<unknown>, after?: () => void) => {
    if (pending.current) return;
    pending.current = true;
    setState({ busy: true });
    try {
      await action();
      setState({ busy: false, done: true });
      after?.();
    } catch (error) {
      setState({ busy: false, error: error as Error });
    } finally {
      pending.current = false;
    }
  };
  return [state, run] as const;
}

function InspectionForm({ shipmentId, onSaved }: { shipmentId: string; onSaved: () => void }) {
  const { t, me, unit } = useApp();
  // No outcome is chosen for the officer; the form starts afresh after each recorded inspection.
  const blank = () => ({ scanned: true, physicallyExamined: false, documentary: false, inspectedBy: me.displayName || me.username, inspectedAt: localDateTimeInput(new Date()), outcome: "", notes: "" });
  const [form, setForm] = useState(blank);
  const [state, run] = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () =>
        post(`/v1/units/${unit!.code}/inspections`, {
          shipmentId,
          scanned: form.scanned,
          physicallyExamined: form.physicallyExamined,
          documentary: form.documentary,
          inspectedBy: form.inspectedBy,
          inspectedAt: new Date(form.inspectedAt).toISOString(),
          outcome: form.outcome,
          ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
        }),
      () => {
        setForm(blank());
        onSaved();
      },
    );
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="inspection-form-h">
      <h3 id="inspection-form-h">{t("inspection.record")}</h3>
      <fieldset className="checks">
        <legend>{t("inspection.methods")}</legend>
        <label className="check">
          <input type="checkbox" checked={form.scanned} onChange={(e) => setForm({ ...form, scanned: e.target.checked })} /> {t("inspection.scanned")}
        </label>
        <label className="check">
          <input type="checkbox" checked={form.physicallyExamined} onChange={(e) => setForm({ ...form, physicallyExamined: e.target.checked })} /> {t("inspection.physical")}
        </label>
        <label className="check">
          <input type="checkbox" checked={form.documentary} onChange={(e) => setForm({ ...form, documentary: e.target.checked })} /> {t("inspection.documentary")}
        </label>
      </fieldset>
      <Field label={t("inspection.by")}>
        <input required value={form.inspectedBy} onChange={(e) => setForm({ ...form, inspectedBy: e.target.value })} />
      </Field>
      <Field label={t("inspection.at")}>
        <input type="datetime-local" required value={form.inspectedAt} onChange={(e) => setForm({ ...form, inspectedAt: e.target.value })} />
      </Field>
      <Field label={t("inspection.outcome")}>
        <select required value={form.outcome} onChange={(e) => setForm({ ...form, outcome: e.target.value })}>
          <option value="" disabled>
            {t("form.choose")}
          </option>
          {["nothing_found", "seizure", "irregularity"].map((o) => (
            <option key={o} value={o}>
              {term(t, INSPECTION_OUTCOME, o)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("inspection.notes")}>
        <textarea value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} />
      </Field>
      {state.error && <ErrorMessage error={state.error} />}
      <StatusLine message={state.done ? t("inspection.saved") : null} />
      <button type="submit" disabled={state.busy}>
        {t("inspection.record")}
      </button>
    </form>
  );
}

function SeizureForm({ inspections, onSaved }: { inspections: ShipmentView["inspections"]; onSaved: () => void }) {
  const { t, fmt, unit } = useApp();
  // Commodity, concealment and detection are the officer's to choose (none pre-selected); blank again after saving.
  const blank = () => ({ inspectionId: inspections[0]!.id, commodity: "", quantity: "", quantityUnit: "kg", concealment: "", detectionMethod: "", personsArrested: "0" });
  const [form, setForm] = useState(blank);
  const [state, run] = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () =>
        post(`/v1/units/${unit!.code}/seizures`, {
          inspectionId: form.inspectionId,
          commodity: form.commodity,
          quantity: Number(form.quantity.replace(",", ".")),
          quantityUnit: form.quantityUnit,
          concealment: form.concealment,
          detectionMethod: form.detectionMethod,
          personsArrested: Number(form.personsArrested),
        }),
      () => {
        setForm(blank());
        onSaved();
      },
    );
  };
  const select = (key: keyof typeof form, label: string, options: string[], vocabulary: Vocabulary<string> | null) => (
    <Field label={label}>
      <select required value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })}>
        {vocabulary && (
          <option value="" disabled>
            {t("form.choose")}
          </option>
        )}
        {options.map((o) => (
          <option key={o} value={o}>
            {vocabulary ? term(t, vocabulary, o) : o}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <form className="card" onSubmit={submit} aria-labelledby="seizure-form-h">
      <h3 id="seizure-form-h">{t("seizure.record")}</h3>
      <Field label={t("seizure.inspection")}>
        <select value={form.inspectionId} onChange={(e) => setForm({ ...form, inspectionId: e.target.value })}>
          {inspections.map((i) => (
            <option key={i.id} value={i.id}>
              {fmt.dateTime(i.inspectedAt)} — {i.inspectedBy ?? ""}
            </option>
          ))}
        </select>
      </Field>
      {select("commodity", t("seizure.commodity"), COMMODITIES, COMMODITY)}
      <Field label={t("seizure.quantity")}>
        <input required inputMode="decimal" value={form.quantity} onChange={(e) => setForm({ ...form, quantity: e.target.value })} />
      </Field>
      {select("quantityUnit", t("seizure.unit"), QUANTITY_UNITS, QUANTITY_UNIT)}
      {select("concealment", t("seizure.concealment"), CONCEALMENTS, CONCEALMENT)}
      {select("detectionMethod", t("seizure.detection"), DETECTION, DETECTION_TEXT)}
      <Field label={t("seizure.arrested")}>
        <input type="number" min={0} value={form.personsArrested} onChange={(e) => setForm({ ...form, personsArrested: e.target.value })} />
      </Field>
      {state.error && <ErrorMessage error={state.error} />}
      <StatusLine message={state.done ? t("seizure.saved") : null} />
      <button type="submit" disabled={state.busy}>
        {t("seizure.record")}
      </button>
    </form>
  );
}

function ReferralForm({ seizureId }: { seizureId: string }) {
  const { t, unit } = useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ kind: "prosecutor", name: "", note: "" });
  const [state, run] = useSubmit();
  const invalidate = useInvalidate();
  if (!open) {
    return (
      <button type="button" className="inline" onClick={() => setOpen(true)}>
        {t("seizure.refer")}
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await post<{ id: string }>(`/v1/units/${unit!.code}/seizures/${seizureId}/referrals`, {
        recipient: { kind: form.kind, name: form.name },
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      });
      await invalidate(`/v1/units/${unit!.code}/referrals`, `/v1/units/${unit!.code}/seizures`, "/v1/summaries");
      void navigate(`/units/${unit!.code}/referrals/${created.id}`);
    });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`ref-${seizureId}`}>
      <h3 id={`ref-${seizureId}`}>{t("referral.create")}</h3>
      <Field label={t("referral.recipientKind")}>
        <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
          {RECIPIENTS.map((r) => (
            <option key={r} value={r}>
              {term(t, RECIPIENT_KIND, r)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("referral.recipientName")}>
        <input required minLength={2} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </Field>
      <Field label={t("referral.note")}>
        <textarea value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      </Field>
      {state.error && <ErrorMessage error={state.error} />}
      <button type="submit" disabled={state.busy}>
        {t("referral.create")}
      </button>
    </form>
  );
}
