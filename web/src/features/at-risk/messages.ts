import { useMemo } from "react";
import { useI18n } from "../../i18n/i18n.tsx";

/**
 * The at-risk list's and the contact rhythm's own texts, English and Dutch,
 * beside the feature. The reasons and next steps themselves come translated
 * from the API. nl has exactly these keys with the same placeholders
 * (messages.test.ts checks).
 */
export const en = {
  "risk.title": "Clients at risk",
  "risk.intro":
    "Clients whose trust may be slipping, the most urgent first: why, the evidence behind it, and a next step. Acknowledge one to hide it for a while; a new reason brings it back.",
  "risk.forbidden": "The at-risk list is for advisers, leads and administrators.",
  "risk.filters": "Filters",
  "risk.filter.owner": "Account owner",
  "risk.filter.ownerMe": "My clients",
  "risk.filter.ownerAll": "Everyone's clients",
  "risk.filter.team": "Team",
  "risk.filter.teamAll": "All teams",
  "risk.filter.acknowledged": "Also show acknowledged clients",
  "risk.count": "{count} clients at risk",
  "risk.countOne": "1 client at risk",
  "risk.empty": "No client at risk here. Well kept.",
  "risk.urgency": "Urgency {rank}",
  "risk.owner": "Account owner: {name}",
  "risk.noOwner": "No account owner",
  "risk.evidence.show": "Evidence ({count})",
  "risk.evidence.title": "Evidence: {reason}",
  "risk.evidence.item": "{what}, {date}",
  "risk.evidence.open": "open",
  "risk.evidence.commitment": "promise",
  "risk.evidence.other": "evidence",
  "risk.evidence.contract": "Indexation audit of contract",
  "risk.nextStep": "Next step: {step}",
  "risk.acknowledged": "Acknowledged by {by} on {at}, hidden until {until}: “{reason}”",
  "risk.someone": "a colleague",
  "risk.acknowledge": "Acknowledge…",
  "risk.acknowledgeFor": "Acknowledge: {client}",
  "risk.ack.title": "Acknowledge {client}",
  "risk.ack.intro":
    "Say why this needs no action now. The client leaves the list for the days you choose, or sooner when a new reason comes up. Your reason is kept in the client's history.",
  "risk.ack.reason": "Why",
  "risk.ack.reasonHint": "For example: “Called on Monday, new date agreed.”",
  "risk.ack.days": "Hide for (days)",
  "risk.ack.daysHint": "From 1 to 90 days.",
  "risk.ack.submit": "Acknowledge",
  "risk.ack.done": "{client} is acknowledged and hidden until {until}.",
  "risk.summary.title": "At risk",
  "risk.summary.mine": "Your clients at risk",
  "risk.summary.none": "None of your clients is at risk.",
  "risk.summary.noneAll": "No client is at risk.",
  "risk.summary.more": "All clients at risk ({count})",
  "risk.summary.open": "Open the at-risk list",
  "rhythm.title": "Contact rhythm",
  "rhythm.last": "Last contact {when}",
  "rhythm.never": "No contact recorded yet",
  "rhythm.every": "rhythm every {days} days ({from})",
  "rhythm.everyOne": "rhythm every day ({from})",
  "rhythm.from.client": "set for this client",
  "rhythm.from.learned": "learned",
  "rhythm.from.organization": "the firm's default",
  "rhythm.beyond": "{days} days beyond the rhythm",
  "rhythm.beyondOne": "1 day beyond the rhythm",
  "rhythm.change": "Change rhythm",
  "rhythm.edit.title": "How often should we be in touch?",
  "rhythm.edit.learn": "Learn it from our contacts (else the firm's default)",
  "rhythm.edit.fixed": "A fixed number of days",
  "rhythm.edit.days": "Every (days)",
  "rhythm.edit.daysHint": "From 1 to 730 days.",
  "rhythm.saved": "Rhythm saved.",
} as const;

export type RiskKey = keyof typeof en;

export const nl: Record<RiskKey, string> = {
  "risk.title": "Klanten met risico",
  "risk.intro":
    "Klanten bij wie het vertrouwen kan wegglijden, de dringendste eerst: waarom, het bewijs erachter en een volgende stap. Erken er een om hem een tijd te verbergen; een nieuwe reden brengt hem terug.",
  "risk.forbidden": "De risicolijst is voor adviseurs, teamleiders en beheerders.",
  "risk.filters": "Filters",
  "risk.filter.owner": "Accounthouder",
  "risk.filter.ownerMe": "Mijn klanten",
  "risk.filter.ownerAll": "Klanten van iedereen",
  "risk.filter.team": "Team",
  "risk.filter.teamAll": "Alle teams",
  "risk.filter.acknowledged": "Toon ook erkende klanten",
  "risk.count": "{count} klanten met risico",
  "risk.countOne": "1 klant met risico",
  "risk.empty": "Hier is geen klant met risico. Goed bijgehouden.",
  "risk.urgency": "Urgentie {rank}",
  "risk.owner": "Accounthouder: {name}",
  "risk.noOwner": "Geen accounthouder",
  "risk.evidence.show": "Bewijs ({count})",
  "risk.evidence.title": "Bewijs: {reason}",
  "risk.evidence.item": "{what}, {date}",
  "risk.evidence.open": "openen",
  "risk.evidence.commitment": "toezegging",
  "risk.evidence.other": "bewijs",
  "risk.evidence.contract": "Indexeringscontrole van contract",
  "risk.nextStep": "Volgende stap: {step}",
  "risk.acknowledged": "Erkend door {by} op {at}, verborgen tot {until}: “{reason}”",
  "risk.someone": "een collega",
  "risk.acknowledge": "Erkennen…",
  "risk.acknowledgeFor": "Erkennen: {client}",
  "risk.ack.title": "{client} erkennen",
  "risk.ack.intro":
    "Zeg waarom dit nu geen actie vraagt. De klant verdwijnt van de lijst voor het aantal dagen dat u kiest, of eerder als er een nieuwe reden bijkomt. Uw reden wordt bewaard in de geschiedenis van de klant.",
  "risk.ack.reason": "Waarom",
  "risk.ack.reasonHint": "Bijvoorbeeld: “Maandag gebeld, nieuwe datum afgesproken.”",
  "risk.ack.days": "Verbergen voor (dagen)",
  "risk.ack.daysHint": "Van 1 tot 90 dagen.",
  "risk.ack.submit": "Erkennen",
  "risk.ack.done": "{client} is erkend en verborgen tot {until}.",
  "risk.summary.title": "Risico's",
  "risk.summary.mine": "Uw klanten met risico",
  "risk.summary.none": "Geen van uw klanten loopt risico.",
  "risk.summary.noneAll": "Geen enkele klant loopt risico.",
  "risk.summary.more": "Alle klanten met risico ({count})",
  "risk.summary.open": "Open de risicolijst",
  "rhythm.title": "Contactritme",
  "rhythm.last": "Laatste contact {when}",
  "rhythm.never": "Nog geen contact vastgelegd",
  "rhythm.every": "ritme elke {days} dagen ({from})",
  "rhythm.everyOne": "ritme elke dag ({from})",
  "rhythm.from.client": "ingesteld voor deze klant",
  "rhythm.from.learned": "geleerd",
  "rhythm.from.organization": "standaard van het kantoor",
  "rhythm.beyond": "{days} dagen over het ritme heen",
  "rhythm.beyondOne": "1 dag over het ritme heen",
  "rhythm.change": "Ritme wijzigen",
  "rhythm.edit.title": "Hoe vaak horen we contact te hebben?",
  "rhythm.edit.learn": "Leer het uit onze contacten (anders de standaard van het kantoor)",
  "rhythm.edit.fixed": "Een vast aantal dagen",
  "rhythm.edit.days": "Elke (dagen)",
  "rhythm.edit.daysHint": "Van 1 tot 730 dagen.",
  "rhythm.saved": "Ritme opgeslagen.",
};

const catalogs = { en, nl } as const;

/** The app's i18n (language, locale, t, dates) with `rt` for the at-risk list's own texts. */
export function useRiskText() {
  const i18n = useI18n();
  const catalog: Record<RiskKey, string> = catalogs[i18n.language];
  return useMemo(
    () => ({
      ...i18n,
      rt: (key: RiskKey, params: Record<string, string | number> = {}) =>
        catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name]))),
    }),
    [i18n, catalog],
  );
}
