// Where the user is, told to assistive technologies and the browser's
// history: which navigation link marks the current page (aria-current) and
// the document title, "<the screen's heading> | Portcullis".

/** Paths compare without a trailing slash or a query. */
function clean(path: string): string {
  const bare = path.split(/[?#]/)[0] ?? "";
  return bare.length > 1 ? bare.replace(/\/+$/, "") : bare;
}

/**
 * aria-current of a navigation link: "page" on the screen the link opens,
 * "true" on a screen inside its section (one referral under "Referrals", a
 * container under "Queue" when `section` names /shipments), none elsewhere.
 */
export function navCurrent(pathname: string, to: string, section: readonly string[] = []): "page" | "true" | undefined {
  const path = clean(pathname);
  const target = clean(to);
  if (path === target) return "page";
  const within = (prefix: string) => {
    const p = clean(prefix);
    return path === p || path.startsWith(`${p}/`);
  };
  return within(target) || section.some(within) ? "true" : undefined;
}

/** The document title: the screen's heading, then the application's name; the name alone when there is no heading. */
export function pageTitle(heading: string | null | undefined, appName: string): string {
  const text = (heading ?? "").replace(/\s+/g, " ").trim();
  return text && text !== appName ? `${text} | ${appName}` : appName;
}
