import { useMemo } from "react";
import type { TrustCore } from "../../../../src/core/trust/cores.ts";
import { type Language, useI18n } from "../../i18n/i18n.tsx";

/**
 * The pulse's own texts, English and Dutch, beside the feature: the public
 * pulse page (in the language of the request), the client page's pulse and
 * team pulse. nl has exactly these keys with the same placeholders
 * (messages.test.ts checks).
 */
export const en = {
  "pulse.page.title": "Four short questions",
  "pulse.page.heading": "Four short questions from {organization}",
  "pulse.page.intro":
    "Dear {contact}, how is working with {organization} for {client}? Four statements, one minute. Choose how much you agree with each.",
  "pulse.page.scale": "1 = strongly disagree, 5 = strongly agree",
  "pulse.page.question.integrity": "They do what they say",
  "pulse.page.question.intent": "They have my interests at heart",
  "pulse.page.question.capabilities": "They know their craft",
  "pulse.page.question.results": "They deliver what I need",
  "pulse.page.answer.1": "strongly disagree",
  "pulse.page.answer.2": "disagree",
  "pulse.page.answer.3": "neither agree nor disagree",
  "pulse.page.answer.4": "agree",
  "pulse.page.answer.5": "strongly agree",
  "pulse.page.choose": "Choose a number from 1 to 5.",
  "pulse.page.missing": "Please answer all four statements.",
  "pulse.page.comment": "Anything you would like to add? (optional)",
  "pulse.page.submit": "Send my answers",
  "pulse.page.private": "Only {organization} sees your answers. This link works until {date} and can be used once.",
  "pulse.page.thanks.title": "Thank you!",
  "pulse.page.thanks": "Your answers have reached {organization}. They help them keep their word to you.",
  "pulse.page.answered.title": "Already answered",
  "pulse.page.answered": "You have already answered these questions. Thank you!",
  "pulse.page.gone.title": "This link no longer works",
  "pulse.page.gone":
    "It may have expired, or the questions were answered already. If you would like to answer, ask your adviser for a new link.",
  "pulse.page.loading": "Loading…",
  "pulse.page.error": "Something went wrong. Please try again in a moment.",
  "pulse.title": "Client pulse",
  "pulse.intro":
    "Ask a contact four short questions about how they see working with you (1–5 each). The link works for 14 days and can be answered once; a contact is not asked again within a few months.",
  "pulse.ask": "Ask for a pulse",
  "pulse.contact": "Contact",
  "pulse.language": "Language of the questions",
  "pulse.language.nl": "Dutch",
  "pulse.language.en": "English",
  "pulse.how": "How it reaches them",
  "pulse.how.email": "Send it by e-mail",
  "pulse.how.link": "I copy the link and send it myself",
  "pulse.noContacts": "Add a contact first.",
  "pulse.created.emailed": "The questions are on their way to {contact} by e-mail. The link works until {date}:",
  "pulse.created.link": "Send this link to {contact}. It works until {date} and is shown only now:",
  "pulse.rate": "Response rate: {rate} ({answered} of {sent} answered in the last year)",
  "pulse.rateNone": "No pulse was sent in the last year.",
  "pulse.perceived": "How the client sees it",
  "pulse.perceivedNone": "No answers yet.",
  "pulse.perceivedFrom": "Averages of {count} answers in the last year, 1 (not at all) to 5 (completely).",
  "pulse.perceivedFromOne": "From 1 answer in the last year, 1 (not at all) to 5 (completely).",
  "pulse.col.core": "Core",
  "pulse.col.statement": "Statement",
  "pulse.col.average": "Average (1–5)",
  "pulse.requests": "Requests",
  "pulse.col.contact": "Contact",
  "pulse.col.asked": "Asked",
  "pulse.col.status": "Status",
  "pulse.col.answers": "Answers (1–5)",
  "pulse.col.comment": "Comment",
  "pulse.status.answered": "Answered {date}",
  "pulse.status.open": "Open until {date}",
  "pulse.status.expired": "Not answered (expired {date})",
  "pulse.answer": "{core} {value}",
  "teamPulse.title": "How do we feel working with this client?",
  "teamPulse.private":
    "Private: your answer is never shown on its own or linked to your name. Colleagues see only the average, and only once {threshold} of you have answered. Once per quarter.",
  "teamPulse.feeling": "Working with this client is…",
  "teamPulse.scale.1": "a dread",
  "teamPulse.scale.2": "tiring",
  "teamPulse.scale.3": "all right",
  "teamPulse.scale.4": "good",
  "teamPulse.scale.5": "a pleasure",
  "teamPulse.words": "In a few words (optional)",
  "teamPulse.submit": "Answer privately",
  "teamPulse.answered": "You answered for {period}. Thank you.",
  "teamPulse.average": "{period}: on average {average} of 5, from {count} colleagues",
  "teamPulse.waiting": "{count} of {threshold} answers — shown from {threshold}",
  "teamPulse.previous": "Previous quarter ({period}): {average} of 5",
  "teamPulse.wordsTitle": "In their words",
  "teamPulse.quarter": "Q{quarter} {year}",
} as const;

export type PulseKey = keyof typeof en;

export const nl: Record<PulseKey, string> = {
  "pulse.page.title": "Vier korte vragen",
  "pulse.page.heading": "Vier korte vragen van {organization}",
  "pulse.page.intro":
    "Beste {contact}, hoe ervaart u de samenwerking met {organization} voor {client}? Vier stellingen, één minuut. Kies hoezeer u het met elke stelling eens bent.",
  "pulse.page.scale": "1 = helemaal mee oneens, 5 = helemaal mee eens",
  "pulse.page.question.integrity": "Zij doen wat zij zeggen",
  "pulse.page.question.intent": "Zij hebben mijn belang voor ogen",
  "pulse.page.question.capabilities": "Zij verstaan hun vak",
  "pulse.page.question.results": "Zij leveren wat ik nodig heb",
  "pulse.page.answer.1": "helemaal mee oneens",
  "pulse.page.answer.2": "mee oneens",
  "pulse.page.answer.3": "niet mee eens en niet mee oneens",
  "pulse.page.answer.4": "mee eens",
  "pulse.page.answer.5": "helemaal mee eens",
  "pulse.page.choose": "Kies een getal van 1 tot 5.",
  "pulse.page.missing": "Geef bij alle vier de stellingen een antwoord.",
  "pulse.page.comment": "Wilt u nog iets kwijt? (niet verplicht)",
  "pulse.page.submit": "Antwoorden versturen",
  "pulse.page.private": "Alleen {organization} ziet uw antwoorden. Deze link werkt tot {date} en is één keer te gebruiken.",
  "pulse.page.thanks.title": "Dank u wel!",
  "pulse.page.thanks": "Uw antwoorden zijn bij {organization} aangekomen. Ze helpen hen hun woord aan u te houden.",
  "pulse.page.answered.title": "Al beantwoord",
  "pulse.page.answered": "U heeft deze vragen al beantwoord. Dank u wel!",
  "pulse.page.gone.title": "Deze link werkt niet meer",
  "pulse.page.gone":
    "Misschien is hij verlopen, of zijn de vragen al beantwoord. Wilt u toch antwoorden, vraag uw adviseur dan om een nieuwe link.",
  "pulse.page.loading": "Laden…",
  "pulse.page.error": "Er ging iets mis. Probeer het zo nog eens.",
  "pulse.title": "Klantpeiling",
  "pulse.intro":
    "Stel een contactpersoon vier korte vragen over hoe hij of zij de samenwerking ervaart (elk 1–5). De link werkt 14 dagen en is één keer te beantwoorden; een contact wordt binnen een paar maanden niet opnieuw gevraagd.",
  "pulse.ask": "Vraag om een peiling",
  "pulse.contact": "Contactpersoon",
  "pulse.language": "Taal van de vragen",
  "pulse.language.nl": "Nederlands",
  "pulse.language.en": "Engels",
  "pulse.how": "Hoe het bij hen komt",
  "pulse.how.email": "Per e-mail versturen",
  "pulse.how.link": "Ik kopieer de link en stuur hem zelf",
  "pulse.noContacts": "Voeg eerst een contactpersoon toe.",
  "pulse.created.emailed": "De vragen zijn per e-mail onderweg naar {contact}. De link werkt tot {date}:",
  "pulse.created.link": "Stuur deze link naar {contact}. Hij werkt tot {date} en wordt alleen nu getoond:",
  "pulse.rate": "Respons: {rate} ({answered} van {sent} beantwoord in het afgelopen jaar)",
  "pulse.rateNone": "Het afgelopen jaar is geen peiling verstuurd.",
  "pulse.perceived": "Hoe de klant het ziet",
  "pulse.perceivedNone": "Nog geen antwoorden.",
  "pulse.perceivedFrom": "Gemiddelden van {count} antwoorden in het afgelopen jaar, van 1 (helemaal niet) tot 5 (helemaal).",
  "pulse.perceivedFromOne": "Uit 1 antwoord in het afgelopen jaar, van 1 (helemaal niet) tot 5 (helemaal).",
  "pulse.col.core": "Kern",
  "pulse.col.statement": "Stelling",
  "pulse.col.average": "Gemiddeld (1–5)",
  "pulse.requests": "Verzoeken",
  "pulse.col.contact": "Contactpersoon",
  "pulse.col.asked": "Gevraagd",
  "pulse.col.status": "Status",
  "pulse.col.answers": "Antwoorden (1–5)",
  "pulse.col.comment": "Opmerking",
  "pulse.status.answered": "Beantwoord {date}",
  "pulse.status.open": "Open tot {date}",
  "pulse.status.expired": "Niet beantwoord (verlopen {date})",
  "pulse.answer": "{core} {value}",
  "teamPulse.title": "Hoe voelt het om met deze klant te werken?",
  "teamPulse.private":
    "Privé: uw antwoord wordt nooit los getoond en nooit aan uw naam gekoppeld. Collega's zien alleen het gemiddelde, en pas als {threshold} van u hebben geantwoord. Eén keer per kwartaal.",
  "teamPulse.feeling": "Werken met deze klant is…",
  "teamPulse.scale.1": "een beproeving",
  "teamPulse.scale.2": "vermoeiend",
  "teamPulse.scale.3": "gaat wel",
  "teamPulse.scale.4": "prettig",
  "teamPulse.scale.5": "een genoegen",
  "teamPulse.words": "In een paar woorden (niet verplicht)",
  "teamPulse.submit": "Privé antwoorden",
  "teamPulse.answered": "U heeft voor {period} geantwoord. Dank u.",
  "teamPulse.average": "{period}: gemiddeld {average} van 5, van {count} collega's",
  "teamPulse.waiting": "{count} van {threshold} antwoorden — zichtbaar vanaf {threshold}",
  "teamPulse.previous": "Vorig kwartaal ({period}): {average} van 5",
  "teamPulse.wordsTitle": "In hun woorden",
  "teamPulse.quarter": "{quarter}e kwartaal {year}",
};

const catalogs = { en, nl } as const;

export const questionKey = (core: TrustCore): PulseKey => `pulse.page.question.${core}`;

/** The texts of one language, with placeholders filled in. */
export function pulseText(language: Language) {
  const catalog: Record<PulseKey, string> = catalogs[language];
  return (key: PulseKey, params: Record<string, string | number> = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** The app's i18n (language, locale, t, dates) with `pt` for the pulse's own texts in the UI language. */
export function usePulseText() {
  const i18n = useI18n();
  return useMemo(() => ({ ...i18n, pt: pulseText(i18n.language) }), [i18n]);
}

/** "2026-Q4" as "Q4 2026" or "4e kwartaal 2026". */
export function formatQuarter(pt: ReturnType<typeof pulseText>, period: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(period);
  return match ? pt("teamPulse.quarter", { quarter: match[2] as string, year: match[1] as string }) : period;
}
