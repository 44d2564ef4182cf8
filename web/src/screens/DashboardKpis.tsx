// The manager's headline figures, first on the dashboard: seizures (and
// quantity by commodity), referral follow-up rate, overdue referrals and the
// hit rate of inspections, each against the previous period of equal length.
// The tiles say which period they cover (the last 90 days, or the period
// chosen), so they never read as the whole period the tables below may show.
// Every figure is text; a change says "up", "down" or "no change" in words
// (the colour and arrow only repeat it). The overdue count opens the list of
// those referrals (/referrals, filtered to overdue ones of the same units and
// commodity): counted only, they were a click on the unit picker and the
// filter of each unit away.
import { useApp } from "../context.js";
import { directionOf, isBetter, type CountChange, type Direction, type KpiData, type RateChange } from "../kpi-data.js";
import { quantityText } from "../terms.js";
import { Link } from "../ui.js";
import { useKeyLabel } from "./DashboardParts.js";

/** How many commodities the seizures tile lists (the seizures block below has them all). */
const COMMODITIES_SHOWN = 4;

function ChangeLine({ direction, better, text }: { direction: Direction | null; better: boolean | null; text: string }) {
  const arrow = direction === "up" ? "▲" : direction === "down" ? "▼" : "";
  const tone = better === null ? "kpi-neutral" : better ? "kpi-better" : "kpi-worse";
  return (
    <p className={`kpi-change ${tone}`}>
      {arrow && <span aria-hidden="true">{arrow} </span>}
      {text}
    </p>
  );
}

function useChangeText() {
  const { t, fmt } = useApp();
  return {
    count(change: CountChange, digits = 0): string {
      const direction = directionOf(change.difference);
      const previous = fmt.number(change.previous, digits);
      if (direction === "same") return t("kpi.same", { previous });
      const amount = fmt.number(Math.abs(change.difference), digits);
      const by = change.changePercent === null ? amount : t("kpi.byPercent", { amount, percent: fmt.percent(Math.abs(change.changePercent) / 100) });
      return t(direction === "up" ? "kpi.up" : "kpi.down", { by, previous });
    },
    rate(change: RateChange): string {
      if (change.previous === null) return t("kpi.noPrevious");
      const previous = fmt.percent(change.previous / 100);
      const direction = directionOf(change.changePoints);
      if (direction === null || direction === "same") return t("kpi.same", { previous });
      const by = t("kpi.points", { n: Math.abs(change.changePoints ?? 0) });
      return t(direction === "up" ? "kpi.up" : "kpi.down", { by, previous });
    },
  };
}

/**
 * `chosen`: the manager picked a period (the tiles cover it); else they cover the last 90 days, whatever the tables below show.
 * `overdueLink`: the list of the referrals overdue now in the same scope; `overdueNow`: the period runs to today, so the
 * overdue count is of now and is the link itself (else a line below links to those overdue now).
 */
export function KpiTiles({ data, chosen, overdueLink, overdueNow }: { data: KpiData | undefined; chosen: boolean; overdueLink: string; overdueNow: boolean }) {
  const { t, fmt } = useApp();
  const keyLabel = useKeyLabel();
  const say = useChangeText();
  if (!data) return null;
  const { seizures, referralFollowUp: follow, overdueReferrals: overdue, inspectionHitRate: hits } = data;
  const rate = (value: number | null) => (value === null ? t("kpi.none") : fmt.percent(value / 100));
  const countDirection = (c: CountChange) => directionOf(c.difference);
  const rateDirection = (r: RateChange) => (r.previous === null ? null : directionOf(r.changePoints));
  return (
    <section aria-labelledby="kpi-h" className="kpi-section" data-testid="kpi-tiles">
      <h2 id="kpi-h">{t("kpi.title")}</h2>
      <p className="meta" data-testid="kpi-period">
        {t(chosen ? "kpi.periodsChosen" : "kpi.periodsLast", {
          from: fmt.date(data.period.from),
          to: fmt.date(data.period.to),
          days: data.period.days,
          previousFrom: fmt.date(data.previousPeriod.from),
          previousTo: fmt.date(data.previousPeriod.to),
        })}
      </p>
      <ul className="kpi-tiles">
        <li className="kpi-tile" data-testid="kpi-seizures">
          <h3 id="kpi-seizures-h">{t("kpi.seizures")}</h3>
          <p className="kpi-figure">{fmt.number(seizures.current, 0)}</p>
          <ChangeLine direction={countDirection(seizures)} better={isBetter(countDirection(seizures), true)} text={say.count(seizures)} />
          {seizures.byCommodity.length > 0 && (
            <ul className="kpi-breakdown" aria-label={t("kpi.byCommodity")}>
              {seizures.byCommodity.slice(0, COMMODITIES_SHOWN).map((row) => (
                <li key={row.commodity}>
                  <span className="kpi-commodity">{keyLabel("commodity", row.commodity)}</span>{" "}
                  {t("kpi.commodityLine", {
                    seizures: row.seizures.current,
                    quantity: row.quantities.map((q) => quantityText(t, fmt, q.current, q.measure, q.measure === "kg" || q.measure === "l" ? 1 : 0)).join(" · "),
                  })}{" "}
                  <span className="meta">{say.count(row.seizures)}</span>
                </li>
              ))}
            </ul>
          )}
        </li>
        <li className="kpi-tile" data-testid="kpi-follow-up">
          <h3 id="kpi-follow-h">{t("kpi.followUp")}</h3>
          <p className="kpi-figure">{rate(follow.current)}</p>
          <p className="meta">{t("kpi.followUpDetail", { inTime: follow.now.referredInTime, seizures: follow.now.seizures })}</p>
          <ChangeLine direction={rateDirection(follow)} better={isBetter(rateDirection(follow), true)} text={say.rate(follow)} />
        </li>
        <li className="kpi-tile" data-testid="kpi-overdue">
          <h3 id="kpi-overdue-h">{t("kpi.overdue")}</h3>
          <p className="kpi-figure">
            {overdueNow ? (
              <Link to={overdueLink} aria-label={t("kpi.overdueOpen", { n: overdue.current })} data-testid="kpi-overdue-link">
                {fmt.number(overdue.current, 0)}
              </Link>
            ) : (
              fmt.number(overdue.current, 0)
            )}
          </p>
          <p className="meta">{t("kpi.overdueAsOf", { date: fmt.dateTime(overdue.asOf.current) })}</p>
          {!overdueNow && (
            <p className="meta">
              <Link to={overdueLink} data-testid="kpi-overdue-link">
                {t("kpi.overdueNowLink")}
              </Link>
            </p>
          )}
          <ChangeLine direction={countDirection(overdue)} better={isBetter(countDirection(overdue), false)} text={say.count(overdue)} />
        </li>
        <li className="kpi-tile" data-testid="kpi-hit-rate">
          <h3 id="kpi-hits-h">{t("kpi.hitRate")}</h3>
          <p className="kpi-figure">{rate(hits.current)}</p>
          <p className="meta">{t("kpi.hitDetail", { hits: hits.now.hits, inspections: hits.now.inspections })}</p>
          <ChangeLine direction={rateDirection(hits)} better={isBetter(rateDirection(hits), true)} text={say.rate(hits)} />
        </li>
      </ul>
    </section>
  );
}
