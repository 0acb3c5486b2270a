/**
 * The demo organization: a Dutch advisory firm with five people in the four
 * roles, two teams, and fifty clients. Generated from a fixed seed, so every
 * fresh install shows the same firm.
 */
export const DEMO_ORGANIZATION = "Van Dijk & De Wit Adviseurs";

export const DEMO_USERS = [
  {
    key: "sanne",
    name: "Sanne de Wit",
    email: "sanne@vandijk-dewit.example",
    role: "admin",
    topics: ["jaarrekening", "fusies en overnames", "governance"],
  },
  {
    key: "pieter",
    name: "Pieter van Dijk",
    email: "pieter@vandijk-dewit.example",
    role: "lead",
    topics: ["vennootschapsbelasting", "bedrijfsopvolging", "holdingstructuren"],
  },
  {
    key: "anna",
    name: "Anna de Vries",
    email: "anna@vandijk-dewit.example",
    role: "advisor",
    topics: ["loonheffingen", "btw", "personeel en salaris"],
  },
  {
    key: "jeroen",
    name: "Jeroen Bakker",
    email: "jeroen@vandijk-dewit.example",
    role: "advisor",
    topics: ["financiering", "subsidies", "ict-advies"],
  },
  {
    key: "fatima",
    name: "Fatima El Amrani",
    email: "fatima@vandijk-dewit.example",
    role: "frontdesk",
    topics: ["afspraken plannen", "facturatie"],
  },
] as const;

export const DEMO_TEAMS = [
  { name: "Belastingadvies", members: ["pieter", "anna"] },
  { name: "Bedrijfsadvies", members: ["sanne", "jeroen"] },
] as const;

/** A small deterministic generator (mulberry32), so the demo is the same everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const FIRST_NAMES = [
  "Jan",
  "Maria",
  "Kees",
  "Lotte",
  "Mohamed",
  "Emma",
  "Daan",
  "Sophie",
  "Bram",
  "Fleur",
  "Youssef",
  "Noor",
  "Thijs",
  "Eva",
  "Lucas",
  "Iris",
  "Ruben",
  "Sara",
  "Wouter",
  "Anouk",
];
const SURNAMES = [
  "Jansen",
  "de Jong",
  "van den Berg",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "van Leeuwen",
  "Dekker",
  "Brouwer",
  "de Wit",
  "Dijkstra",
  "Koster",
];
const TRADES = [
  "Bakkerij",
  "Installatiebedrijf",
  "Transportbedrijf",
  "Architectenbureau",
  "Tandartspraktijk",
  "Hoveniersbedrijf",
  "Drukkerij",
  "Autobedrijf",
  "Schildersbedrijf",
  "Kinderopvang",
  "Zorggroep",
  "Webbureau",
  "Makelaardij",
  "Houthandel",
  "Fietsenmakerij",
];
const CITIES = ["Utrecht", "Amersfoort", "Zwolle", "Haarlem", "Leiden", "Deventer", "Breda", "Arnhem", "Delft", "Nijmegen"];
const ROLES = ["directeur-eigenaar", "financieel manager", "office manager", "controller", "HR-adviseur"];

const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

export type DemoClient = {
  kind: "company" | "person";
  name: string;
  email: string;
  phone: string;
  website: string | null;
  ownerKey: (typeof DEMO_USERS)[number]["key"];
  teamIndex: number;
  contacts: { name: string; role: string; email: string; phone: string }[];
};

export function demoClients(count = 50, seed = 20261123): DemoClient[] {
  const random = seededRandom(seed);
  const phone = () =>
    `0${pick(random, ["20", "30", "33", "38", "71", "76"])} ${String(Math.floor(random() * 900) + 100)} ${String(Math.floor(random() * 9000) + 1000)}`;
  const clients: DemoClient[] = [];
  const used = new Set<string>();
  while (clients.length < count) {
    const isPerson = clients.length % 5 === 4;
    const ownerKey = pick(random, ["sanne", "pieter", "anna", "jeroen"] as const);
    if (isPerson) {
      const name = `${pick(random, FIRST_NAMES)} ${pick(random, SURNAMES)}`;
      if (used.has(name)) continue;
      used.add(name);
      clients.push({
        kind: "person",
        name,
        email: `${slug(name)}@mail.example`,
        phone: `06 ${String(Math.floor(random() * 90000000) + 10000000)}`,
        website: null,
        ownerKey,
        teamIndex: 0,
        contacts: [],
      });
      continue;
    }
    const surname = pick(random, SURNAMES);
    const name = `${pick(random, TRADES)} ${surname} ${pick(random, ["B.V.", "", "& Zn.", "V.O.F."])}`.replace(/\s+/g, " ").trim();
    const fullName = used.has(name) ? `${name} ${pick(random, CITIES)}` : name;
    if (used.has(fullName)) continue;
    used.add(fullName);
    const domain = `${slug(fullName).slice(0, 24)}.example`;
    const contactCount = 1 + Math.floor(random() * 3);
    const contacts = Array.from({ length: contactCount }, () => {
      const first = pick(random, FIRST_NAMES);
      const last = pick(random, SURNAMES);
      return { name: `${first} ${last}`, role: pick(random, ROLES), email: `${slug(first)}@${domain}`, phone: phone() };
    });
    clients.push({
      kind: "company",
      name: fullName,
      email: `info@${domain}`,
      phone: phone(),
      website: `https://www.${domain}`,
      ownerKey,
      teamIndex: random() < 0.5 ? 0 : 1,
      contacts,
    });
  }
  return clients;
}
