// The referral lists' own filters, a unit's and a manager's across units
// alike: the state, and overdue ones only. Each choice applies at once.
import { useApp } from "../context.js";
import { REFERRAL_STATES, type ReferralState } from "../referral-filters.js";
import { REFERRAL_STATUS, term } from "../terms.js";
import { Field } from "../ui.js";

interface StateFilters {
  status: ReferralState | "";
  overdueOnly: boolean;
}

export function ReferralStateFilters<F extends StateFilters>({ filters, setFilters }: { filters: F; setFilters: (update: (f: F) => F) => void }) {
  const { t } = useApp();
  return (
    <form className="filters" aria-label={t("referral.filters")} onSubmit={(e) => e.preventDefault()}>
      <Field label={t("referral.status")}>
        <select value={filters.status} onChange={(e) => setFilters((f) => ({ ...f, status: e.target.value as ReferralState | "" }))}>
          <option value="">{t("referral.allStatuses")}</option>
          {REFERRAL_STATES.map((s) => (
            <option key={s} value={s}>
              {term(t, REFERRAL_STATUS, s)}
            </option>
          ))}
        </select>
      </Field>
      <label className="check">
        <input type="checkbox" checked={filters.overdueOnly} onChange={(e) => setFilters((f) => ({ ...f, overdueOnly: e.target.checked }))} />
        {t("referral.overdueOnly")}
      </label>
    </form>
  );
}
