// "Overdue" as every count and list shows it: the referral's current step was
// due before the instant asked about (the request's now), and the referral is
// still open. The worker's sweep (sweep-overdue.ts) marks overdue_since and
// notifies the unit every 15 minutes; that mark is for the notification only:
// a count or list that read it would lag the due date by up to a sweep
// interval, so the dashboard's tile and the list it opens could disagree.

/**
 * SQL condition on referral alias `r` (its `due_at` and `status`) at the
 * timestamptz parameter `$nowParam`: true or false, never null (a step that
 * owes nothing has no due date), so `= false` finds the others.
 */
export const overdueAtSql = (r: string, nowParam: number): string =>
  `(COALESCE(${r}.due_at < $${nowParam}::timestamptz, false) AND ${r}.status NOT IN ('closed', 'declined'))`;
