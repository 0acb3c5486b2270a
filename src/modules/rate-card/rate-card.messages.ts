/**
 * The server messages of the rate card and its fairness check (error codes of
 * its routes), in both languages; the shared catalogs spread them in.
 */
export const rateCardMessagesEn = {
  "rate_card.not_found": "This rate does not exist or you have no access to it.",
  "rate_card.rate_exists": "This role already has a rate from that day; delete it first or choose another day.",
  "rate_card.line_not_found": "This contract has no such line.",
} as const;

export const rateCardMessagesNl: Record<keyof typeof rateCardMessagesEn, string> = {
  "rate_card.not_found": "Dit tarief bestaat niet of u hebt er geen toegang toe.",
  "rate_card.rate_exists": "Deze rol heeft al een tarief vanaf die dag; verwijder dat eerst of kies een andere dag.",
  "rate_card.line_not_found": "Dit contract heeft zo'n regel niet.",
};
