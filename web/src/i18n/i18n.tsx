import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { setApiLanguage } from "../api/client.ts";
import { en, type MessageKey } from "./en.ts";
import { nl } from "./nl.ts";

export type Language = "en" | "nl";
const catalogs: Record<Language, Record<MessageKey, string>> = { en, nl };
const STORAGE_KEY = "trustledger.language";

/** The language a first visit gets: the browser's preference, Dutch or else English. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "nl" || base === "en") return base;
  }
  return "en";
}

type I18n = {
  language: Language;
  locale: string;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  formatDate(value: string | Date): string;
  formatDateTime(value: string | Date): string;
  formatNumber(value: number): string;
};

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "nl") return stored;
  return detectLanguage(typeof navigator === "undefined" ? [] : navigator.languages);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  setApiLanguage(language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setApiLanguage(next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = language === "nl" ? "nl-NL" : "en-GB";
    const dateFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      hourCycle: "h23",
      timeZone: "Europe/Amsterdam",
    });
    const numberFormat = new Intl.NumberFormat(locale);
    return {
      language,
      locale,
      setLanguage,
      t: (key, params = {}) =>
        catalogs[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name]))),
      formatDate: (value) => dateFormat.format(new Date(value)),
      formatDateTime: (value) => dateTimeFormat.format(new Date(value)),
      formatNumber: (value) => numberFormat.format(value),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}
