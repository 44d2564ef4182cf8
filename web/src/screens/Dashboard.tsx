// Manager: the headline figures first (KPI tiles, DashboardKpis.tsx), then
// seizures by commodity (or unit, country, method…) and over time, the referral follow-up funnel overall and by unit or country, profile
// performance per version and per indicator, and the pilot list, over the
// units of the manager's scope. The period and units apply to every block;
// all choices live in the URL so a view can be shared; each block exports
// what it shows as CSV.
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { COMMODITY, GROUP, quantityText, term } from "../terms.js";
import { LiveRegion } from "../a11y.js";
import { useApp } from "../context.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import { countriesOf, countryName, type DashboardData } from "../dashboard-data.js";
import {
  COMMODITIES,
  SEIZURE_GROUPS,
  csvExports,
  dashboardQuery,
  dashboardSearch,
  parseDashboardSearch,
  periodProblem,
  unitsToAsk,
  type CsvExport,
  type DashboardFilters,
  type ScopeUnit,
} from "../dashboard-filters.js";
import { overdueReferralsLink } from "../referral-filters.js";
import { useApi } from "../server-state.js";
import { Empty, ErrorMessage, Field, Loading } from "../ui.js";
import { useUrlState } from "../url-state.js";
import { KpiTiles } from "./DashboardKpis.js";
import { BlockHead, Card, Choice, useKeyLabel } from "./DashboardParts.js";
import { PilotBlock } from "./DashboardPilot.js";
import { IndicatorBlock, ProfileBlock } from "./DashboardProfiles.js";
import { ReferralBlock } from "./DashboardReferrals.js";
import { TrendBlock } from "./DashboardTrend.js";

const todayUtc = () => new Date().toISOString().slice(0, 10);
const filtersOf = (params: URLSearchParams) => parseDashboardSearch(params.toString());
const paramsOf = (filters: DashboardFilters) => new URLSearchParams(dashboardSearch(filters));

export function Dashboard() {
  const { t, fmt, language, units } = useApp();
  const scope = useMemo<(ScopeUnit & { name: string })[]>(
    () =>
      units
        .filter((u) => u.yourRoles.includes("manager"))
        .map((u) => ({ code: u.code, name: u.name, country: (u as { country?: string }).country ?? u.code.slice(0, 2) })),
    [units],
  );
  const [today] = useState(todayUtc);
  // The filters are the URL's (replaced, not pushed: Back leaves the dashboard); the form edits a draft of them.
  const [filters, setFilters] = useUrlState(filtersOf, paramsOf);
  const [draft, setDraft] = useState(filters);
  // The draft follows the URL when it changes from outside (Back, a shared link); not when this form wrote it,
  // or a date typed right after Clear or Apply would be overwritten once the router catches up.
  const written = useRef<string | null>(null);
  useEffect(() => {
    const search = dashboardSearch(filters);
    if (written.current === search) {
      written.current = null;
      return;
    }
    setDraft(filters);
  }, [filters]);
  const change = (patch: Partial<DashboardFilters>) => setFilters((current) => ({ ...current, ...patch }));

  const problem = periodProblem(filters);
  const query = dashboardQuery(filters, scope, today);
  const dashboard = useApi<DashboardData>(problem ? null : `/v1/summaries/dashboard?${query}`);
  const exports = csvExports(filters, scope, today);
  const data = dashboard.data;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = { ...filters, from: draft.from, to: draft.to, country: draft.country, units: draft.units, commodity: draft.commodity };
    written.current = dashboardSearch(next);
    setFilters(next);
  };
  const clear = () => {
    const cleared = { ...filters, from: "", to: "", country: "", units: [], commodity: "" as const };
    setDraft(cleared);
    written.current = dashboardSearch(cleared);
    setFilters(cleared);
  };
  const countries = countriesOf(scope);
  const draftUnits = scope.filter((u) => !draft.country || u.country === draft.country);
  const toggleUnit = (code: string, on: boolean) =>
    setDraft((d) => ({ ...d, units: on ? [...new Set([...d.units, code])].sort() : d.units.filter((u) => u !== code) }));
  const asked = unitsToAsk(filters, scope);
  const shownPeriod =
    filters.from || filters.to
      ? t("dashboard.periodShown", { from: filters.from ? fmt.date(filters.from) : t("dashboard.start"), to: filters.to ? fmt.date(filters.to) : t("dashboard.today") })
      : t("dashboard.wholePeriod");
  const shownUnits = asked.length > 0 ? asked.join(", ") : t("dashboard.allUnits");
  const shownScope = filters.commodity ? t("dashboard.ofCommodity", { units: shownUnits, commodity: term(t, COMMODITY, filters.commodity) }) : shownUnits;

  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t("dashboard.title")}</h1>
      <KpiTiles data={data?.kpis} chosen={Boolean(filters.from || filters.to)} overdueLink={overdueReferralsLink(asked, filters.commodity)} overdueNow={!filters.to || filters.to >= today} />
      <form className="filters dashboard-filters" onSubmit={apply} aria-label={t("queue.filters")}>
        <fieldset>
          <legend>{t("dashboard.period")}</legend>
          <Field label={t("dashboard.from")}>
            <input type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
          </Field>
          <Field label={t("dashboard.to")}>
            <input type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
          </Field>
        </fieldset>
        {countries.length > 1 && (
          <Choice
            label={t("group.country")}
            value={draft.country}
            options={["", ...countries]}
            text={(c) => (c ? countryName(c, language) : t("dashboard.allCountries"))}
            onChange={(country) => setDraft((d) => ({ ...d, country }))}
          />
        )}
        <Choice
          label={t("dashboard.commoditySeized")}
          value={draft.commodity}
          options={["", ...COMMODITIES]}
          text={(c) => (c ? term(t, COMMODITY, c) : t("dashboard.allCommodities"))}
          onChange={(commodity) => setDraft((d) => ({ ...d, commodity }))}
        />
        {draftUnits.length > 1 && (
          <fieldset className="unit-choice">
            <legend>{t("dashboard.units")}</legend>
            {draftUnits.map((u) => (
              <label key={u.code} className="check">
                <input type="checkbox" checked={draft.units.includes(u.code)} onChange={(e) => toggleUnit(u.code, e.target.checked)} />
                <span>
                  {u.code} <span className="meta">{u.name}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="actions">
          <button type="submit">{t("queue.apply")}</button>
          <button type="button" className="inline" onClick={clear}>
            {t("queue.clear")}
          </button>
        </div>
      </form>
      {problem ? (
        <LiveRegion role="alert" as="p" className="error">
          {t("dashboard.periodOrder")}
        </LiveRegion>
      ) : (
        <p className="meta" data-testid="dashboard-scope">
          {t("dashboard.showing", { period: shownPeriod, units: shownScope })}
        </p>
      )}
      {!problem && filters.commodity && (
        <p className="meta" data-testid="dashboard-commodity-note">
          {t("dashboard.commodityScope")}
        </p>
      )}
      {/* Figures leave out what another agency keeps to itself: say so, with the number only, so nobody takes them as complete. */}
      {!problem && data && data.seizures.withheldSeizures > 0 && (
        <p className="meta" data-testid="dashboard-withheld">
          {t("dashboard.withheld", { n: data.seizures.withheldSeizures })}
        </p>
      )}
      {dashboard.isLoading && <Loading />}
      {dashboard.error && <ErrorMessage error={dashboard.error} retry={() => void dashboard.refetch()} />}

      <SeizureBlock data={data?.seizures} filters={filters} onGroup={(groupBy) => change({ groupBy })} csv={exports.seizures} />
      {data && (
        <>
          <TrendBlock data={data.overTime} period={filters} today={today} series={filters.series} onSeries={(series) => change({ series })} csv={exports.overTime} />
          <ReferralBlock
            overall={data.referrals}
            by={data.referralsBy}
            funnelBy={filters.funnelBy}
            onFunnelBy={(funnelBy) => change({ funnelBy })}
            csv={exports.funnel}
            csvBy={exports.funnelBy}
          />
          <ProfileBlock data={data.profiles} csv={exports.profiles} />
          <IndicatorBlock data={data.indicators} csv={exports.indicators} />
          <PilotBlock
            data={data.pilot}
            commodity={filters.pilotCommodity}
            followUp={filters.pilotFollowUp}
            onCommodity={(pilotCommodity) => change({ pilotCommodity })}
            onFollowUp={(pilotFollowUp) => change({ pilotFollowUp })}
            csv={exports.pilot}
          />
        </>
      )}
    </section>
  );
}

type SeizureRow = DashboardData["seizures"]["rows"][number];

function SeizureBlock(props: { data: DashboardData["seizures"] | undefined; filters: DashboardFilters; onGroup: (g: DashboardFilters["groupBy"]) => void; csv: CsvExport }) {
  const { t, fmt } = useApp();
  const keyLabel = useKeyLabel();
  const { data } = props;
  const groupBy = props.filters.groupBy;
  // Quantities are in several measures (kg, units): shown, not compared.
  const columns: DataColumn<SeizureRow>[] = [
    { id: "key", header: term(t, GROUP, data?.groupBy ?? groupBy), rowHeader: true, sortValue: (row) => keyLabel(data!.groupBy, row.key), cell: (row) => keyLabel(data!.groupBy, row.key) },
    { id: "seizures", header: t("dashboard.count"), numeric: true, descFirst: true, sortValue: (row) => row.seizures, cell: (row) => fmt.number(row.seizures, 0) },
    {
      id: "quantity",
      header: t("dashboard.quantity"),
      numeric: true,
      cell: (row) =>
        Object.entries(row.quantities)
          .map(([measure, amount]) => quantityText(t, fmt, amount, measure, 3))
          .join(" · "),
    },
    { id: "share", header: t("dashboard.share"), numeric: true, descFirst: true, sortValue: (row) => row.sharePercent, cell: (row) => fmt.percent(row.sharePercent / 100) },
  ];
  return (
    <Card labelledBy="seizures-h">
      <BlockHead id="seizures-h" title={t("dashboard.seizuresBy", { group: t(`group.${groupBy}`).toLowerCase() })} csv={props.csv} />
      <Choice label={t("dashboard.groupBy")} value={groupBy} options={SEIZURE_GROUPS} text={(g) => t(`group.${g}`)} onChange={props.onGroup} />
      {data && data.rows.length === 0 && <Empty>{t("dashboard.empty")}</Empty>}
      {data && data.rows.length > 0 && (
        <DataTable
          rows={data.rows}
          columns={columns}
          rowKey={(row) => row.key}
          caption={t("dashboard.totalSeizures", { n: data.totalSeizures })}
          testId="seizure-summary"
          sortLabel={(column) => t("table.sortBy", { column })}
        />
      )}
    </Card>
  );
}
