/**
 * Generated records around the targets: a firm's everyday clients, contacts,
 * interactions and commitments in Dutch and English, sharing the targets'
 * common words (jaarrekening, offerte, btw-aangifte, invoice, payment …) so a
 * query must rank its record above hundreds of look-alikes. Deterministic for
 * a seed. The surnames and places of targets.ts are not used here.
 */
export type Background = {
  clients: { key: string; kind: "company" | "person"; name: string; notes: string | null }[];
  contacts: { key: string; client: string; name: string; role: string | null; email: string | null }[];
  interactions: {
    key: string;
    client: string;
    contact: string | null;
    kind: "call" | "meeting" | "email" | "note" | "portal";
    direction: "inbound" | "outbound" | "internal";
    summary: string;
    body: string | null;
  }[];
  commitments: { key: string; client: string; title: string; doneWhen: string }[];
};

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  "Jansen",
  "de Vries",
  "van den Berg",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "Mulder",
  "Bos",
  "Vos",
  "Hendriks",
  "van Leeuwen",
  "Dekker",
  "Brouwer",
  "de Wit",
  "Dijkstra",
  "Smits",
  "de Graaf",
  "van der Linden",
  "Kok",
  "Jacobs",
  "de Haan",
  "Vermeulen",
  "van den Heuvel",
  "van der Veen",
  "van den Broek",
  "Schouten",
  "Willems",
  "van Wijk",
  "Hoekman",
  "Prins",
  "Huisman",
  "Koster",
  "Postma",
  "Kramer",
  "Evans",
  "Taylor",
  "Wilson",
  "Roberts",
  "Walker",
  "Wright",
  "Thompson",
  "Schmidt",
  "Fischer",
  "Weber",
];
const FIRST = [
  "Jan",
  "Piet",
  "Kees",
  "Anna",
  "Sophie",
  "Emma",
  "Lucas",
  "Daan",
  "Sem",
  "Julia",
  "Mila",
  "Tess",
  "Bas",
  "Thijs",
  "Ruben",
  "Eva",
  "Lisa",
  "Sarah",
  "Tom",
  "Mark",
  "Linda",
  "Peter",
  "Karin",
  "Wouter",
  "Esther",
  "James",
  "Oliver",
  "Charlotte",
  "Amelia",
  "Jack",
  "Harry",
  "Grace",
  "Lukas",
  "Hannah",
];
const TRADES = [
  "Bakkerij",
  "Garage",
  "Autobedrijf",
  "Installatiebedrijf",
  "Schildersbedrijf",
  "Timmerbedrijf",
  "Restaurant",
  "Eetcafé",
  "Drukkerij",
  "Slagerij",
  "Fietsenwinkel",
  "Kinderopvang",
  "Fysiotherapie",
  "Tandartspraktijk",
  "Makelaardij",
  "Adviesbureau",
  "Architectenbureau",
  "Transportbedrijf",
  "Loonbedrijf",
  "Hoveniersbedrijf",
  "Kapsalon",
  "Schoonheidssalon",
  "Zorgboerderij",
  "Dierenkliniek",
  "IT Services",
  "Consulting",
  "Trading",
  "Holdings",
];
const SUFFIX = ["B.V.", "", "V.O.F.", "& Zn.", "Ltd", "Groep"];
const ROLES = [
  "Eigenaar",
  "Directeur",
  "Boekhouder",
  "Office manager",
  "Controller",
  "HR-adviseur",
  "Finance Manager",
  "Managing Director",
  "Bookkeeper",
  "Operations Manager",
  "Administratief medewerker",
  "Bedrijfsleider",
];
const NOTES = [
  "Aangifte inkomstenbelasting en omzetbelasting per kwartaal.",
  "Jaarrekening en vennootschapsbelasting; loonadministratie loopt via ons.",
  "Vraagt vaak om uitstel voor de aangifte.",
  "Betaalt facturen meestal te laat.",
  "Maandelijkse administratie, kwartaalrapportage aan de bank.",
  "Annual accounts and corporate income tax; payroll for six employees.",
  "Prefers to communicate in English by e-mail.",
  "Quarterly VAT returns, management reports every month.",
  "Nieuwe klant sinds dit jaar, overgestapt van een ander kantoor.",
  "Subsidieaanvraag en investeringsaftrek voor nieuwe machines.",
  null,
  null,
];
const TOPICS_NL = [
  "de jaarrekening",
  "de btw-aangifte",
  "de offerte",
  "de factuur",
  "de loonadministratie",
  "de aangifte inkomstenbelasting",
  "de vennootschapsbelasting",
  "de begroting",
  "de kwartaalcijfers",
  "de subsidieaanvraag",
  "het uitstel",
  "de voorlopige aanslag",
  "de loonstroken",
  "de pensioenregeling",
  "de financiering",
  "de investering",
  "de bankafschriften",
  "de debiteurenlijst",
  "de huurovereenkomst",
  "de arbeidsovereenkomst",
];
const TOPICS_EN = [
  "the annual accounts",
  "the VAT return",
  "the proposal",
  "the invoice",
  "payroll",
  "the tax return",
  "corporate income tax",
  "the budget",
  "the quarterly figures",
  "the grant application",
  "the extension",
  "the provisional assessment",
  "the payslips",
  "the pension scheme",
  "the financing",
  "the investment",
  "the bank statements",
  "the receivables",
  "the lease",
  "the employment contract",
];
const SUMMARY_NL = [
  "Gesprek over {t}",
  "Vraag over {t}",
  "Mail over {t}",
  "{T} besproken",
  "Overleg over {t}",
  "Terugbelverzoek over {t}",
  "{T} nagevraagd",
  "Afspraak ingepland over {t}",
  "Klant belde over {t}",
  "Notitie: {t} gecontroleerd",
];
const SUMMARY_EN = [
  "Call about {t}",
  "Question about {t}",
  "Email about {t}",
  "Discussed {t}",
  "Meeting on {t}",
  "Callback request about {t}",
  "Followed up on {t}",
  "Scheduled a review of {t}",
  "Client called about {t}",
  "Note: checked {t}",
];
const BODY_NL = [
  "De klant stuurt de stukken volgende week.",
  "We sturen vrijdag een overzicht.",
  "Er ontbreken nog enkele gegevens.",
  "Afgesproken om het na het kwartaal opnieuw te bekijken.",
  "De cijfers zien er goed uit.",
  "Er is een verschil met vorig jaar dat we moeten verklaren.",
  "De bank wil de cijfers voor het einde van de maand.",
  "Hij twijfelt nog over de aanpak.",
  "Zij belt terug als de boekhouder er is.",
  "Kopie van de correspondentie staat in het dossier.",
];
const BODY_EN = [
  "The client will send the documents next week.",
  "We will send an overview on Friday.",
  "Some figures are still missing.",
  "Agreed to review it again after the quarter.",
  "The numbers look fine.",
  "There is a difference with last year that we need to explain.",
  "The bank wants the figures by the end of the month.",
  "She is still unsure about the approach.",
  "He will call back when the bookkeeper is in.",
  "A copy of the correspondence is in the file.",
];
const COMMIT_NL = [
  "{T} opstellen",
  "{T} sturen",
  "{T} controleren",
  "Terugbellen over {t}",
  "Advies over {t} sturen",
  "{T} indienen",
  "Vragen over {t} beantwoorden",
];
const COMMIT_EN = [
  "Prepare {t}",
  "Send {t}",
  "Check {t}",
  "Call back about {t}",
  "Send advice on {t}",
  "File {t}",
  "Answer the questions on {t}",
];
const DONE_NL = ["Verstuurd aan de klant", "Klant heeft bevestigd", "Ingediend en kopie in het dossier", "Besproken in een gesprek"];
const DONE_EN = ["Sent to the client", "Client has confirmed", "Filed and copy in the file", "Discussed in a call"];

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const fill = (template: string, topic: string) =>
  template.replace("{t}", topic).replace("{T}", capital(topic.replace(/^(de|het|the) /, "")));

export function generateBackground(
  counts: { clients: number; contacts: number; interactions: number; commitments: number },
  seed = 20261205,
): Background {
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const clients: Background["clients"] = [];
  for (let i = 0; i < counts.clients; i++) {
    const person = r() < 0.3;
    const name = person ? `${pick(FIRST)} ${pick(SURNAMES)}` : `${pick(TRADES)} ${pick(SURNAMES)} ${pick(SUFFIX)}`.trim();
    clients.push({ key: `bg.c${i}`, kind: person ? "person" : "company", name, notes: pick(NOTES) });
  }
  const contacts: Background["contacts"] = [];
  for (let i = 0; i < counts.contacts; i++) {
    const first = pick(FIRST);
    const last = pick(SURNAMES);
    const client = pick(clients);
    const domain =
      client.name
        .toLowerCase()
        .replace(/[^a-z]+/g, "")
        .slice(0, 20) || "example";
    contacts.push({
      key: `bg.k${i}`,
      client: client.key,
      name: `${first} ${last}`,
      role: r() < 0.8 ? pick(ROLES) : null,
      email: r() < 0.8 ? `${first.toLowerCase()}@${domain}.nl` : null,
    });
  }
  const interactions: Background["interactions"] = [];
  for (let i = 0; i < counts.interactions; i++) {
    const dutch = r() < 0.65;
    const at = Math.floor(r() * TOPICS_NL.length);
    const topic = (dutch ? TOPICS_NL : TOPICS_EN)[at] as string;
    const body = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(dutch ? BODY_NL : BODY_EN)).join(" ");
    const client = pick(clients);
    const own = contacts.filter((contact) => contact.client === client.key);
    interactions.push({
      key: `bg.i${i}`,
      client: client.key,
      contact: own.length > 0 && r() < 0.7 ? pick(own).key : null,
      kind: pick(["call", "meeting", "email", "note", "portal"] as const),
      direction: pick(["inbound", "outbound", "internal"] as const),
      summary: fill(pick(dutch ? SUMMARY_NL : SUMMARY_EN), topic),
      body: r() < 0.85 ? body : null,
    });
  }
  const commitments: Background["commitments"] = [];
  for (let i = 0; i < counts.commitments; i++) {
    const dutch = r() < 0.65;
    const topic = pick(dutch ? TOPICS_NL : TOPICS_EN);
    commitments.push({
      key: `bg.m${i}`,
      client: pick(clients).key,
      title: fill(pick(dutch ? COMMIT_NL : COMMIT_EN), topic),
      doneWhen: pick(dutch ? DONE_NL : DONE_EN),
    });
  }
  return { clients, contacts, interactions, commitments };
}
