// What every screen needs: texts, formatters, the signed-in user and their units.
import { createContext, useContext } from "react";
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
