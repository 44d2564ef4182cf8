// What every screen needs: texts, formatters, navigation, the signed-in user.
import { createContext, useCallback, useContext, useEffect, useState } from "react";
import type { Me, UnitItem } from "./api.js";
import type { Formatters } from "./format.js";
import type { Language, Translate } from "./i18n.js";

export interface AppContextValue {
  t: Translate;
  fmt: Formatters;
  language: Language;
  setLanguage: (language: Language) => void;
  me: Me;
  units: UnitItem[];
  /** The unit the user works in now (null for a programme manager without a unit). */
  unit: UnitItem | null;
  setUnit: (code: string) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp outside AppContext");
  return value;
}

export interface Async<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a screen; `deps` reload it. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): Async<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
