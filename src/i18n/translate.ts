import { en, type MessageKey } from "./messages.en.ts";
import { nl } from "./messages.nl.ts";

export const LANGUAGES = ["en", "nl"] as const;
export type Language = (typeof LANGUAGES)[number];

const catalogs: Record<Language, Record<MessageKey, string>> = { en, nl };

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[language][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/**
 * Picks nl or en from an Accept-Language header, honouring q-weights;
 * English when neither is asked for.
 */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...attributes] = part.trim().split(";");
      const q = attributes.map((a) => /^\s*q=([0-9.]+)\s*$/.exec(a)?.[1]).find(Boolean);
      // RFC 9110 allows whitespace before the ";" of the parameters: "nl ;q=0.9".
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (base === "nl" || base === "en") return base;
  }
  return "en";
}
