import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { DB } from "../src/db/schema.ts";
import { refreshSearchText } from "../src/modules/clients/clients.repository.ts";

/**
 * Fills one organization with `clients` clients and three contacts each, in
 * plain SQL (generate_series): deterministic — row i always gets the same
 * name — and fast enough to build 100k clients and 300k contacts in seconds.
 */
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
  "Adviesbureau",
  "Bouwbedrijf",
  "Accountantskantoor",
  "Reisbureau",
  "Loodgietersbedrijf",
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
  "Willems",
  "Verhoeven",
  "Jacobs",
  "van Dam",
  "Kuipers",
  "Postma",
  "Huisman",
  "Prins",
  "Kok",
  "Boersma",
];
const FIRST = [
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

const pgArray = (values: string[]) => `{${values.map((v) => `"${v.replaceAll('"', '\\"')}"`).join(",")}}`;

export async function generateClients(db: Kysely<DB>, orgId: string, ownerId: string, clients: number): Promise<void> {
  const trades = pgArray(TRADES);
  const surnames = pgArray(SURNAMES);
  const first = pgArray(FIRST);
  await sql`
    insert into clients (org_id, id, kind, name, sort_name, email, phone, account_owner_id, created_at, updated_at)
    select ${orgId}, md5('client' || i)::uuid,
           case when i % 5 = 0 then 'person' else 'company' end,
           n.name, lower(n.name),
           'info' || i || '@client' || i || '.example',
           '020 ' || lpad((i * 7919 % 1000000)::text, 6, '0'),
           ${ownerId}, now(), now()
    from generate_series(1, ${clients}) as i,
    lateral (select case when i % 5 = 0
        then (${first}::text[])[1 + (i * 31) % 20] || ' ' || (${surnames}::text[])[1 + (i * 17) % 30] || ' ' || i
        else (${trades}::text[])[1 + (i * 13) % 20] || ' ' || (${surnames}::text[])[1 + (i * 7) % 30] || ' ' || i
      end as name) n
  `.execute(db);
  await sql`
    insert into contacts (org_id, id, client_id, name, role, email, phone, created_at, updated_at)
    select ${orgId}, md5('contact' || i || '-' || k)::uuid, md5('client' || i)::uuid,
           (${first}::text[])[1 + (i * 3 + k * 11) % 20] || ' ' || (${surnames}::text[])[1 + (i * 5 + k) % 30],
           'directeur', 'contact' || k || '@client' || i || '.example', '06 ' || lpad(((i * 3 + k)::bigint * 104729 % 100000000)::text, 8, '0'),
           now(), now()
    from generate_series(1, ${clients}) as i, generate_series(1, 3) as k
  `.execute(db);
  await refreshSearchText(db, orgId);
  await sql`analyze clients`.execute(db);
  await sql`analyze contacts`.execute(db);
}
