/**
 * Texts of the search in the header, in English and Dutch, kept beside the
 * feature; i18n/en.ts and nl.ts take them in.
 */
export const searchEn = {
  "search.label": "Search",
  "search.placeholder": "Search clients, contacts, notes, promises",
  "search.results": "Search results",
  "search.count": "{count} found",
  "search.none": "Nothing found for “{query}”.",
  "search.type.client": "Clients",
  "search.type.contact": "Contacts",
  "search.type.interaction": "Interactions",
  "search.type.commitment": "Promises",
} as const;

export const searchNl: Record<keyof typeof searchEn, string> = {
  "search.label": "Zoeken",
  "search.placeholder": "Zoek klanten, contactpersonen, notities, beloftes",
  "search.results": "Zoekresultaten",
  "search.count": "{count} gevonden",
  "search.none": "Niets gevonden voor “{query}”.",
  "search.type.client": "Klanten",
  "search.type.contact": "Contactpersonen",
  "search.type.interaction": "Contactmomenten",
  "search.type.commitment": "Beloftes",
};
