// A screen's filters kept in the URL's search params (React Router's
// useSearchParams), so a filtered view can be shared as a link and is still
// there after Back. Each screen brings its own parse (anything malformed falls
// back to a default) and its own writer (defaults left out, so the plain
// screen keeps a plain URL).
import { useCallback, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";

export type UrlStateUpdate<T> = T | ((current: T) => T);

/**
 * `[value, setValue]` read from and written to the location's search params.
 * A change replaces the history entry rather than adding one: Back leaves
 * the screen (with its filters kept in the entry it returns to) instead of
 * stepping through every filter tried. Params the writer does not own
 * (`keep`) stay as they are.
 */
export function useUrlState<T>(parse: (params: URLSearchParams) => T, write: (value: T) => URLSearchParams, keep: readonly string[] = []): [T, (next: UrlStateUpdate<T>) => void] {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // Parsed once per distinct search, so the value is stable for effects and query keys.
  const parsed = useMemo(() => parse(new URLSearchParams(search)), [search]);
  // The router renders a navigation as a transition: until it lands, the URL still holds the previous
  // value, and a control bound to it (a checkbox) would show its old state after the click, for as long
  // as the machine is busy. The value chosen is shown at once, until the location it was chosen on changes.
  // Forgotten as soon as the location changes (so Back to that location later reads its URL, not the choice).
  const [pending, setPending] = useState<{ on: string; value: T } | null>(null);
  if (pending !== null && pending.on !== search) setPending(null);
  const shown = pending !== null && pending.on === search ? pending.value : parsed;
  // One object for as long as the filters say the same: when the navigation lands, the URL's parse replaces
  // the value chosen, equal but new, and a form whose draft follows the value from outside (an effect on it)
  // took it for a change and wiped what was typed meanwhile (the dashboard applied a cleared filter).
  const stable = useRef<Stable<T> | null>(null);
  stable.current = keepIfSame(stable.current, write(shown).toString(), shown);
  const value = stable.current.value;
  const latest = useRef(value);
  latest.current = value;
  const searchNow = useRef(search);
  searchNow.current = search;
  const setValue = useCallback(
    (next: UrlStateUpdate<T>) => {
      const resolved = typeof next === "function" ? (next as (current: T) => T)(latest.current) : next;
      latest.current = resolved;
      setPending({ on: searchNow.current, value: resolved });
      setParams(
        (current) => {
          const written = write(resolved);
          for (const name of keep) for (const kept of current.getAll(name)) written.append(name, kept);
          return written;
        },
        { replace: true },
      );
    },
    [setParams, write, keep],
  );
  return [value, setValue];
}

/** A value with the search its writer gives it. */
export interface Stable<T> {
  key: string;
  value: T;
}

/** The previous value when `value` writes the same search (`key`), so that it keeps its identity; else `value`. */
export function keepIfSame<T>(previous: Stable<T> | null, key: string, value: T): Stable<T> {
  return previous !== null && previous.key === key ? previous : { key, value };
}
