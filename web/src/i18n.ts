// The interface language: which languages exist, the user's pick, and t(key, values),
// which formats an ICU message (plural, select, numbers) with react-intl. The texts
// live in messages/<language>.ts, one file per language, typed by the English keys.
import { createIntl, createIntlCache, type IntlShape } from "react-intl";
import { en, type MessageKey, type Messages } from "./messages/en.js";
import { es } from "./messages/es.js";

export type { MessageKey, Messages } from "./messages/en.js";

export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

export const catalogue: Record<Language, Messages> = { en, es };

/** Values an ICU message can take: text, numbers (plural counts), dates. */
export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** The suffixes of the keys under a prefix: KeysUnder<"diff.setting"> is "name" | "target" | … */
export type KeysUnder<P extends string> = MessageKey extends infer K ? (K extends `${P}.${infer Rest}` ? Rest : never) : never;

/**
 * For texts that are either one of our keys or the API's own words (a field
 * problem found here or sent by the server): true when it is a key.
 */
export function isMessageKey(text: string): text is MessageKey {
  return Object.hasOwn(catalogue.en, text);
}

/** A key in the reader's language, or the API's own words as they came. */
export function keyOrText(t: Translate, text: string, values?: MessageValues): string {
  return isMessageKey(text) ? t(text, values) : text;
}

// One cache for every language's formatters: switching back and forth reuses them.
const cache = createIntlCache();

/** The react-intl object for a language; also handed to <RawIntlProvider> so components may useIntl(). */
export function intlFor(language: Language): IntlShape {
  return createIntl(
    {
      locale: language === "es" ? "es" : "en",
      defaultLocale: "en",
      messages: catalogue[language],
      // A missing value or key is a programming error caught by the type check and the catalogue test;
      // at run time it shows the key or the raw message rather than crashing the screen.
      onError: (error) => console.warn(error.message),
    },
    cache,
  );
}

/** t(key, values) for one react-intl object: an unknown key shows the key itself. */
export function translatorFor(intl: IntlShape): Translate {
  return (key, values) => intl.formatMessage({ id: key }, values);
}

/** A translator for one language (outside React, e.g. in tests). */
export function translator(language: Language): Translate {
  return translatorFor(intlFor(language));
}

/** The user's preferred language among ours (navigator.languages order). */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "es" || base === "en") return base;
  }
  return "en";
}
