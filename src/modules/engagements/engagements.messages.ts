/**
 * The server messages of engagements (error codes of its routes), in both
 * languages; the shared catalogs spread them in.
 */
export const engagementsMessagesEn = {
  "engagements.not_found": "This engagement does not exist or you have no access to it.",
  "engagements.owner_not_member": "The owner must be a member of your organization.",
  "engagements.analysis_required":
    "This engagement cannot be contracted yet: record the needs analysis and tick the second look (does the proposal answer the real need, not only the stated one?).",
  "engagements.stage_skipped": "A stage cannot be skipped: move the engagement to the next stage first.",
  "engagements.stage_backwards": "An engagement does not move back to an earlier (or the same) stage.",
  "engagements.stage_final": "This engagement is closed or declined; its stage no longer changes.",
  "engagements.cannot_decline": "Only an engagement that is not yet contracted can be declined.",
  "engagements.closed": "This engagement is closed or declined; it no longer changes.",
} as const;

export const engagementsMessagesNl: Record<keyof typeof engagementsMessagesEn, string> = {
  "engagements.not_found": "Deze opdracht bestaat niet of u hebt er geen toegang toe.",
  "engagements.owner_not_member": "De eigenaar moet lid zijn van uw organisatie.",
  "engagements.analysis_required":
    "Deze opdracht kan nog niet gecontracteerd worden: leg eerst de behoefteanalyse vast en vink de tweede blik aan (beantwoordt het voorstel de echte behoefte, niet alleen de gevraagde?).",
  "engagements.stage_skipped": "Een fase kan niet worden overgeslagen: zet de opdracht eerst in de volgende fase.",
  "engagements.stage_backwards": "Een opdracht gaat niet terug naar een eerdere (of dezelfde) fase.",
  "engagements.stage_final": "Deze opdracht is afgesloten of afgewezen; de fase verandert niet meer.",
  "engagements.cannot_decline": "Alleen een opdracht die nog niet gecontracteerd is, kan worden afgewezen.",
  "engagements.closed": "Deze opdracht is afgesloten of afgewezen; er verandert niets meer aan.",
};
