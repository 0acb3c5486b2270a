import type { NotificationKind, NotificationParams } from "./notifications.schemas.ts";

/**
 * The e-mails that go with notifications, in Dutch and English: a subject and
 * plain text, dates in the reader's language and time zone, the link at the end.
 * (The in-app list words the same facts in the web app's catalogs.)
 */
export type Language = "nl" | "en";

type Wording = {
  subject: (p: NotificationParams) => string;
  intro: (p: NotificationParams) => string;
};

const WORDING: Record<Language, Record<NotificationKind, Wording>> = {
  en: {
    "commitment.due_soon": {
      subject: (p) => `Due soon: ${p.title}`,
      intro: (p) =>
        `Your promise to ${p.clientName} is due soon. Will it slip? Tell the client now, before the due time: the promise's page has a drafted message that records the new date.`,
    },
    "commitment.overdue": {
      subject: (p) => `Overdue: ${p.title}`,
      intro: (p) => `Your promise to ${p.clientName} is overdue.`,
    },
    "commitment.escalated": {
      subject: (p) => `Escalated to you: ${p.title}`,
      intro: (p) =>
        p.ownerName
          ? `A promise of ${p.ownerName} to ${p.clientName} is overdue and has been escalated to you.`
          : `A promise to ${p.clientName} is overdue and has been escalated to you.`,
    },
    "commitment.assigned": {
      subject: (p) => `Assigned to you: ${p.title}`,
      intro: (p) => `A promise to ${p.clientName} has been assigned to you.`,
    },
    "callback.nobody_left": {
      subject: (p) => `Callback without a person: ${p.title}`,
      intro: (p) =>
        `Nobody accepted this callback for ${p.clientName} in time and there is nobody left to pass it on to. Take it on (Accept, on its page or in My day) or give it to a colleague.`,
    },
    "callback.time_running_out": {
      subject: (p) => `Callback not accepted yet: ${p.title}`,
      intro: (p) =>
        p.ownerName
          ? `Most of the time promised to ${p.clientName} has passed and ${p.ownerName} has not accepted the callback yet. Take it on (Accept, on its page or in My day) or give it to a colleague.`
          : `Most of the time promised to ${p.clientName} has passed and nobody has accepted the callback yet. Take it on (Accept, on its page or in My day) or give it to a colleague.`,
    },
    "incident.escalated_to_lead": {
      subject: (p) => `Error not yet told to the client: ${p.title}`,
      intro: (p) =>
        `An error of ours that touches ${p.clientName} has not been told to the client within the policy. Make sure the client hears it from us now (the error's page has a drafted message), or propose with a reason not to tell them.`,
    },
    "incident.escalated_to_admins": {
      subject: (p) => `Error still not told to the client: ${p.title}`,
      intro: (p) =>
        `An error of ours that touches ${p.clientName} has still not been told to the client, well past the policy, and the team lead has already been told. Make sure the client hears it from us now.`,
    },
  },
  nl: {
    "commitment.due_soon": {
      subject: (p) => `Bijna verlopen: ${p.title}`,
      intro: (p) =>
        `Uw toezegging aan ${p.clientName} verloopt binnenkort. Gaat het niet lukken? Laat het de klant nu weten, vóór de termijn verstrijkt: op de pagina van de toezegging staat een conceptbericht klaar dat de nieuwe termijn vastlegt.`,
    },
    "commitment.overdue": {
      subject: (p) => `Verlopen: ${p.title}`,
      intro: (p) => `Uw toezegging aan ${p.clientName} is verlopen.`,
    },
    "commitment.escalated": {
      subject: (p) => `Naar u geëscaleerd: ${p.title}`,
      intro: (p) =>
        p.ownerName
          ? `Een toezegging van ${p.ownerName} aan ${p.clientName} is verlopen en naar u geëscaleerd.`
          : `Een toezegging aan ${p.clientName} is verlopen en naar u geëscaleerd.`,
    },
    "commitment.assigned": {
      subject: (p) => `Aan u toegewezen: ${p.title}`,
      intro: (p) => `Een toezegging aan ${p.clientName} is aan u toegewezen.`,
    },
    "callback.nobody_left": {
      subject: (p) => `Terugbelverzoek zonder persoon: ${p.title}`,
      intro: (p) =>
        `Niemand heeft dit terugbelverzoek van ${p.clientName} op tijd geaccepteerd en er is niemand meer om het aan door te geven. Neem het op u (Accepteren, op de pagina ervan of in Mijn dag) of geef het aan een collega.`,
    },
    "callback.time_running_out": {
      subject: (p) => `Terugbelverzoek nog niet geaccepteerd: ${p.title}`,
      intro: (p) =>
        p.ownerName
          ? `Het grootste deel van de tijd die ${p.clientName} is beloofd, is voorbij en ${p.ownerName} heeft het terugbelverzoek nog niet geaccepteerd. Neem het op u (Accepteren, op de pagina ervan of in Mijn dag) of geef het aan een collega.`
          : `Het grootste deel van de tijd die ${p.clientName} is beloofd, is voorbij en niemand heeft het terugbelverzoek nog geaccepteerd. Neem het op u (Accepteren, op de pagina ervan of in Mijn dag) of geef het aan een collega.`,
    },
    "incident.escalated_to_lead": {
      subject: (p) => `Fout nog niet aan de klant gemeld: ${p.title}`,
      intro: (p) =>
        `Een fout van ons die ${p.clientName} raakt, is niet binnen de termijn aan de klant gemeld. Zorg dat de klant het nu van ons hoort (op de pagina van de fout staat een conceptbericht), of stel met een reden voor het niet te melden.`,
    },
    "incident.escalated_to_admins": {
      subject: (p) => `Fout nog steeds niet aan de klant gemeld: ${p.title}`,
      intro: (p) =>
        `Een fout van ons die ${p.clientName} raakt, is ruim na de termijn nog steeds niet aan de klant gemeld, en de teamleider weet het al. Zorg dat de klant het nu van ons hoort.`,
    },
  },
};

const LABELS: Record<Language, { greeting: string; client: string; due: string; owner: string; open: string; signature: string }> = {
  en: { greeting: "Hello", client: "Client", due: "Due", owner: "Owner", open: "Open it in Trustledger:", signature: "Trustledger" },
  nl: { greeting: "Beste", client: "Klant", due: "Uiterlijk", owner: "Eigenaar", open: "Openen in Trustledger:", signature: "Trustledger" },
};

const LOCALES: Record<Language, string> = { en: "en-GB", nl: "nl-NL" };

/** "Monday 2 March 2026 at 17:00 CET" / "maandag 2 maart 2026 om 17:00 CET", in the given time zone. */
export function formatDueAt(iso: string, language: Language, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: "full", timeStyle: "short" };
  try {
    const day = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone }).format(date);
    const zone = new Intl.DateTimeFormat(LOCALES[language], { timeZone, timeZoneName: "short" })
      .formatToParts(date)
      .find((part) => part.type === "timeZoneName")?.value;
    return zone ? `${day} ${zone}` : day;
  } catch {
    // An unknown time zone: say the time in UTC rather than not at all.
    return `${new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: "UTC" }).format(date)} UTC`;
  }
}

/** A subject is one line: user-typed titles may hold line breaks; very long ones are cut. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function renderNotificationEmail(input: {
  kind: NotificationKind;
  params: NotificationParams;
  language: Language;
  timeZone: string;
  recipientName: string;
}): { subject: string; text: string } {
  const { params, language } = input;
  const wording = WORDING[language][input.kind];
  const labels = LABELS[language];
  const facts = [
    `  ${oneLine(params.title, 500)}`,
    `  ${labels.client}: ${oneLine(params.clientName, 500)}`,
    `  ${labels.due}: ${formatDueAt(params.dueAt, language, input.timeZone)}`,
    ...(params.ownerName ? [`  ${labels.owner}: ${oneLine(params.ownerName, 500)}`] : []),
  ];
  const text = [
    `${labels.greeting} ${oneLine(input.recipientName, 200)},`,
    "",
    wording.intro(params),
    "",
    ...facts,
    "",
    labels.open,
    params.link,
    "",
    `-- `,
    labels.signature,
    "",
  ].join("\n");
  return { subject: oneLine(wording.subject(params)), text };
}
