/**
 * Texts of the portal's track record and its opt-in switch, both languages;
 * the shared catalogs (web/src/i18n/en.ts, nl.ts) spread them in.
 */
export const trackRecordEn = {
  "portal.record.title": "How we kept our promises to you",
  "portal.record.since": "Over the last 12 months, since {date}.",
  "portal.record.count.keptOnTime": "kept on time",
  "portal.record.count.keptLate": "kept, but late",
  "portal.record.count.renegotiatedWithNotice": "moved, with you told in advance",
  "portal.record.count.broken": "not kept",
  "portal.record.count.cancelledWithAgreement": "cancelled with your agreement",
  "portal.record.outcome.kept": "Kept on time",
  "portal.record.outcome.kept_late": "Kept late",
  "portal.record.outcome.broken": "Not kept",
  "portal.record.outcome.cancelled": "Cancelled with your agreement",
  "portal.record.list": "Closed promises",
  "portal.record.due": "Agreed for {date}",
  "portal.record.closed": "Closed {date}",
  "portal.record.movedWithNotice": "Moved, with you told in advance",
  "portal.record.empty": "No promises were closed in this period.",
  "portal.record.switch": "Show this client our track record",
  "portal.record.switchHelp":
    "The portal then also shows how we kept our promises over the last 12 months: counts and the closed promises with their dates and outcome. Never notes, reasons or anything about colleagues.",
  "portal.record.switchNotAllowed": "Only the account owner, leads and administrators can change this.",
} as const;

export const trackRecordNl: Record<keyof typeof trackRecordEn, string> = {
  "portal.record.title": "Hoe wij onze toezeggingen aan u nakwamen",
  "portal.record.since": "Over de afgelopen 12 maanden, sinds {date}.",
  "portal.record.count.keptOnTime": "op tijd nagekomen",
  "portal.record.count.keptLate": "nagekomen, maar te laat",
  "portal.record.count.renegotiatedWithNotice": "verzet, met u vooraf ingelicht",
  "portal.record.count.broken": "niet nagekomen",
  "portal.record.count.cancelledWithAgreement": "geannuleerd met uw instemming",
  "portal.record.outcome.kept": "Op tijd nagekomen",
  "portal.record.outcome.kept_late": "Te laat nagekomen",
  "portal.record.outcome.broken": "Niet nagekomen",
  "portal.record.outcome.cancelled": "Geannuleerd met uw instemming",
  "portal.record.list": "Afgeronde toezeggingen",
  "portal.record.due": "Afgesproken voor {date}",
  "portal.record.closed": "Afgerond {date}",
  "portal.record.movedWithNotice": "Verzet, met u vooraf ingelicht",
  "portal.record.empty": "In deze periode is geen toezegging afgerond.",
  "portal.record.switch": "Toon deze klant hoe wij onze toezeggingen nakwamen",
  "portal.record.switchHelp":
    "Het portaal toont dan ook hoe wij onze toezeggingen de afgelopen 12 maanden nakwamen: aantallen en de afgeronde toezeggingen met datums en afloop. Nooit notities, redenen of iets over collega's.",
  "portal.record.switchNotAllowed": "Alleen de accounteigenaar, teamleiders en beheerders kunnen dit wijzigen.",
};
