// A programme manager's referrals across the units they cover: what the
// dashboard's overdue count opens (overdue only, the dashboard's units and
// commodity), each row naming its unit and opening the referral in it. The
// filters live in the URL, so the list can be shared and bookmarked.
import { useMemo } from "react";
import { useApp } from "../context.js";
import type { DataColumn } from "../data-table/columns.js";
import { ALL_SCOPE_REFERRALS, parseScopeReferralFilters, scopeReferralFilterParams, scopeReferralQuery } from "../referral-filters.js";
import { useApi } from "../server-state.js";
import { COMMODITY, term } from "../terms.js";
import { ErrorMessage, Link, Loading } from "../ui.js";
import { useUrlState } from "../url-state.js";
import { referralColumns, ReferralTable, type Referral } from "./referral-records.js";
import { ReferralStateFilters } from "./ReferralStateFilters.js";

export function ScopeReferrals() {
  const { t, fmt } = useApp();
  const [filters, setFilters] = useUrlState(parseScopeReferralFilters, scopeReferralFilterParams);
  const list = useApi<{ items: Referral[] }>(`/v1/referrals?${scopeReferralQuery(filters)}`);
  const columns = useMemo<DataColumn<Referral>[]>(
    () => [{ id: "unit", header: t("app.unit"), sortValue: (r) => r.unitCode, cell: (r) => r.unitCode }, ...referralColumns(t, fmt, (r) => r.unitCode, false)],
    [t, fmt],
  );
  const narrowed = filters.units.length > 0 || filters.commodity !== "";
  const filtered = narrowed || filters.status !== "" || filters.overdueOnly;
  const units = filters.units.length > 0 ? filters.units.join(", ") : t("dashboard.allUnits");
  const scope = filters.commodity ? t("dashboard.ofCommodity", { units, commodity: term(t, COMMODITY, filters.commodity) }) : units;
  return (
    <section aria-labelledby="scope-referrals-title">
      <p>
        <Link to="/dashboard">← {t("nav.dashboard")}</Link>
      </p>
      <h1 id="scope-referrals-title">{t(filters.overdueOnly ? "referral.scopeOverdueTitle" : "referral.scopeTitle")}</h1>
      <p className="meta" data-testid="scope-referrals-scope">
        {t("referral.scopeOf", { scope })}{" "}
        {narrowed && (
          <button type="button" className="inline" onClick={() => setFilters((f) => ({ ...f, units: ALL_SCOPE_REFERRALS.units, commodity: ALL_SCOPE_REFERRALS.commodity }))}>
            {t("referral.scopeAll")}
          </button>
        )}
      </p>
      <ReferralStateFilters filters={filters} setFilters={setFilters} />
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={() => void list.refetch()} />}
      {list.data && (
        <p data-testid="scope-referrals-count">{t(list.data.items.length >= 500 ? "referral.countFirst" : "referral.count", { n: list.data.items.length })}</p>
      )}
      {list.data && <ReferralTable rows={list.data.items} columns={columns} filtered={filtered} labelledBy="scope-referrals-title" testId="scope-referrals" />}
    </section>
  );
}
