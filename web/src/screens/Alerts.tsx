// Officers and analysts: the unit's notifications (mark read), alerts from
// other units (acknowledge, reply), the unit's shipments they match, a form
// to alert other units, and the alerts the unit sent. The pieces are in
// alerts/: one alert's own page (AlertPage.tsx) and the navigation's unread
// badge (UnreadBadge.tsx) too.
import { useApp } from "../context.js";
import { useInvalidate } from "../server-state.js";
import { SendAlertForm } from "./alerts/AlertForm.js";
import { AlertInbox } from "./alerts/AlertInbox.js";
import { AlertMatches } from "./alerts/MatchedShipments.js";
import { Notifications } from "./alerts/Notifications.js";
import { SentAlerts } from "./alerts/SentAlerts.js";

export function Alerts() {
  const { t, unit } = useApp();
  const code = unit!.code;
  const invalidate = useInvalidate();
  // An acknowledgement, a reply or a sent alert changes the lists, the matches and the notifications alike.
  const refresh = () => void invalidate(`/v1/units/${code}/alerts`, `/v1/units/${code}/alert-matches`, `/v1/units/${code}/notifications`);
  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t("alerts.title", { unit: code })}</h1>
      <Notifications />
      <AlertInbox onChange={refresh} />
      <AlertMatches />
      <SendAlertForm onSent={refresh} />
      <SentAlerts />
    </section>
  );
}
