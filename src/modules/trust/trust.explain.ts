import { daysBetweenInstants } from "../../core/dates.ts";
import type { RiskReason } from "../../core/trust/at-risk.ts";
import type { TrustCore } from "../../core/trust/cores.ts";
import type { Language } from "../../i18n/translate.ts";

/**
 * Plain-language "why" for one piece of evidence, in Dutch or English:
 * "Integriteit daalde: afspraak "Offerte sturen" werd gebroken zonder melding, 12 dagen geleden".
 */
const CORE_NAMES: Record<Language, Record<TrustCore, string>> = {
  en: { integrity: "Integrity", intent: "Intent", capabilities: "Capabilities", results: "Results" },
  nl: { integrity: "Integriteit", intent: "Intentie", capabilities: "Capaciteiten", results: "Resultaten" },
};

const WHAT: Record<Language, Record<string, string>> = {
  en: {
    commitment_kept: "promise {label} was kept on time",
    commitment_kept_late: "promise {label} was kept late without notice",
    commitment_renegotiated_with_notice: "promise {label} was renegotiated with the client told in advance",
    commitment_renegotiated_without_notice: "promise {label} was renegotiated without telling the client in time",
    commitment_broken_disclosed: "promise {label} was broken, and the client was told",
    commitment_broken_undisclosed: "promise {label} was broken without telling the client",
    commitment_cancelled_agreed: "promise {label} was cancelled with the client's agreement",
    callback_returned_in_time: "callback {label} was returned in time",
    callback_returned_late: "callback {label} was returned late",
    callback_never_returned: "callback {label} was never returned",
    client_raised_problem: "the client raised a problem on their own initiative ({label})",
    client_invitation: "the client invited us to their own event ({label})",
    pulse_answer: "the client answered {answer} of 5 in a pulse",
    team_pulse_low: "the team does not enjoy working with this client",
    team_pulse_high: "the team enjoys working with this client",
    observation_positive: "a colleague observed: {label}",
    observation_negative: "a colleague observed: {label}",
    incident_disclosed_quickly: "our error {label} was told to the client within the policy",
    incident_disclosed_late: "our error {label} was told to the client after the policy's deadline",
    incident_found_by_client: "the client found our error {label} before we told them",
    overcharge_corrected_by_us: "we found that {label} charged too much and paid it back unasked",
    overcharge_raised_by_client: "the client had to point out that {label} charged too much",
    engagement_requested_by_client: "the client came to us with a request of their own ({label})",
    engagement_declined_with_referral: "we declined {label} and referred the client to someone better placed",
    advice_against_own_revenue: "we advised the client against buying from us ({label}), giving up revenue",
    disagreement_settled_by_contract: "a disagreement on {label} was settled by pointing at the contract",
  },
  nl: {
    commitment_kept: "afspraak {label} werd op tijd nagekomen",
    commitment_kept_late: "afspraak {label} werd te laat nagekomen zonder melding",
    commitment_renegotiated_with_notice: "afspraak {label} werd opnieuw gemaakt, met de klant vooraf ingelicht",
    commitment_renegotiated_without_notice: "afspraak {label} werd verzet zonder de klant op tijd in te lichten",
    commitment_broken_disclosed: "afspraak {label} werd gebroken, en de klant werd ingelicht",
    commitment_broken_undisclosed: "afspraak {label} werd gebroken zonder melding",
    commitment_cancelled_agreed: "afspraak {label} werd geannuleerd met instemming van de klant",
    callback_returned_in_time: "terugbelverzoek {label} werd op tijd beantwoord",
    callback_returned_late: "terugbelverzoek {label} werd te laat beantwoord",
    callback_never_returned: "terugbelverzoek {label} werd nooit beantwoord",
    client_raised_problem: "de klant bracht uit zichzelf een probleem ter sprake ({label})",
    client_invitation: "de klant nodigde ons uit voor een eigen evenement ({label})",
    pulse_answer: "de klant gaf een {answer} van 5 in een peiling",
    team_pulse_low: "het team werkt niet graag met deze klant",
    team_pulse_high: "het team werkt graag met deze klant",
    observation_positive: "een collega merkte op: {label}",
    observation_negative: "een collega merkte op: {label}",
    incident_disclosed_quickly: "onze fout {label} werd binnen de termijn aan de klant gemeld",
    incident_disclosed_late: "onze fout {label} werd na de termijn aan de klant gemeld",
    incident_found_by_client: "de klant ontdekte onze fout {label} voordat wij het meldden",
    overcharge_corrected_by_us: "wij ontdekten dat {label} te veel in rekening bracht en betaalden het ongevraagd terug",
    overcharge_raised_by_client: "de klant moest ons erop wijzen dat {label} te veel in rekening bracht",
    engagement_requested_by_client: "de klant kwam zelf met een vraag naar ons ({label})",
    engagement_declined_with_referral: "wij wezen {label} af en verwezen de klant naar iemand die het beter kan",
    advice_against_own_revenue: "wij adviseerden de klant om het niet bij ons te kopen ({label}) en zagen af van omzet",
    disagreement_settled_by_contract: "een meningsverschil over {label} werd beslecht door naar het contract te wijzen",
  },
};

/** One formatter per language, made once: an evidence list explains hundreds of items. */
const formatsOf = (locale: string) => ({
  relative: new Intl.RelativeTimeFormat(locale, { numeric: "auto" }),
  number: new Intl.NumberFormat(locale),
  euro: new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }),
  plural: new Intl.PluralRules(locale),
});
const FORMATS: Record<Language, ReturnType<typeof formatsOf>> = { en: formatsOf("en-GB"), nl: formatsOf("nl-NL") };

const MOVED: Record<Language, { up: string; down: string; none: string }> = {
  en: { up: "rose", down: "fell", none: "did not change" },
  nl: { up: "steeg", down: "daalde", none: "veranderde niet" },
};

export function explainEvidence(
  language: Language,
  item: { core: TrustCore; kind: string; weight: number; label: string | null; note: string | null; occurredAt: Date },
  now: Date,
): string {
  const pulse = /^pulse_answer_(\d)$/.exec(item.kind);
  const template = WHAT[language][pulse ? "pulse_answer" : item.kind] ?? item.kind;
  const label = item.label ?? item.note ?? "";
  const what = template.replace("{label}", `“${label}”`).replace("{answer}", pulse?.[1] ?? "");
  const moved = MOVED[language][item.weight > 0 ? "up" : item.weight < 0 ? "down" : "none"];
  const days = daysBetweenInstants(now, item.occurredAt);
  const when = FORMATS[language].relative.format(days, "day");
  return `${CORE_NAMES[language][item.core]} ${moved}: ${what}, ${when}`;
}

/** Reason texts; a text with a count has a form per plural category of the language (Intl.PluralRules). */
type Plural = { one: string; other: string };
const RISKS: Record<Language, Record<RiskReason["code"], string | Plural>> = {
  en: {
    broken_undisclosed: {
      one: "{count} broken promise the client was never told about",
      other: "{count} broken promises the client was never told about",
    },
    integrity_drop: "Integrity fell {points} points in 30 days",
    silence: "No contact for {days} days; the rhythm is every {rhythm} days",
    callbacks_missed: {
      one: "{count} callback late or never returned in 30 days",
      other: "{count} callbacks late or never returned in 30 days",
    },
    low_pulse: "The client's pulse averaged {average} of 5",
    perception_gap: "The client sees it {points} points differently from our evidence",
    team_pulse_drop: "The team's feeling about this client fell from {before} to {now}",
    undisclosed_incident: {
      one: "{count} error of ours the client has not been told about",
      other: "{count} errors of ours the client has not been told about",
    },
    red_face_exposure: {
      one: "Our indexation charged {amount} too much on {count} contract, not yet paid back",
      other: "Our indexation charged {amount} too much on {count} contracts, not yet paid back",
    },
  },
  nl: {
    broken_undisclosed: {
      one: "{count} gebroken afspraak waarover de klant nooit is ingelicht",
      other: "{count} gebroken afspraken waarover de klant nooit is ingelicht",
    },
    integrity_drop: "Integriteit daalde {points} punten in 30 dagen",
    silence: "Al {days} dagen geen contact; het ritme is elke {rhythm} dagen",
    callbacks_missed: {
      one: "{count} terugbelverzoek te laat of nooit beantwoord in 30 dagen",
      other: "{count} terugbelverzoeken te laat of nooit beantwoord in 30 dagen",
    },
    low_pulse: "De peiling van de klant was gemiddeld {average} van 5",
    perception_gap: "De klant ziet het {points} punten anders dan ons bewijs",
    team_pulse_drop: "Het gevoel van het team over deze klant daalde van {before} naar {now}",
    undisclosed_incident: {
      one: "{count} fout van ons waarover de klant nog niet is ingelicht",
      other: "{count} fouten van ons waarover de klant nog niet is ingelicht",
    },
    red_face_exposure: {
      one: "Onze indexering rekende {amount} te veel op {count} contract, nog niet terugbetaald",
      other: "Onze indexering rekende {amount} te veel op {count} contracten, nog niet terugbetaald",
    },
  },
};

const STEPS: Record<Language, Record<string, string>> = {
  en: {
    apologise_and_renegotiate: "Apologise and agree a new date with the client",
    call: "Call the client",
    involve_senior: "Involve a senior colleague",
    ask_for_feedback: "Ask the client how they see it",
    disclose_error: "Tell the client about our error now, before they find it themselves",
    correct_overcharge: "Pay the overcharge back and tell the client, before they find it themselves",
  },
  nl: {
    apologise_and_renegotiate: "Bied excuses aan en spreek een nieuwe datum af met de klant",
    call: "Bel de klant",
    involve_senior: "Betrek een senior collega",
    ask_for_feedback: "Vraag de klant hoe hij het ziet",
    disclose_error: "Meld de klant onze fout nu, voordat hij die zelf ontdekt",
    correct_overcharge: "Betaal het te veel berekende terug en licht de klant in, voordat hij het zelf ontdekt",
  },
};

export function explainRisk(language: Language, reason: Pick<RiskReason, "code" | "params">): string {
  const number = FORMATS[language].number;
  const text = RISKS[language][reason.code];
  const template =
    typeof text === "string" ? text : FORMATS[language].plural.select(reason.params.count ?? 0) === "one" ? text.one : text.other;
  // Money travels as whole cents ({amount} is params.outstandingCents); shown in euro.
  const euro = (cents: number) => FORMATS[language].euro.format(cents / 100);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === "amount") return reason.params.outstandingCents === undefined ? whole : euro(reason.params.outstandingCents);
    return reason.params[name] === undefined ? whole : number.format(reason.params[name] as number);
  });
}

export const explainNextStep = (language: Language, step: string): string => STEPS[language][step] ?? step;
