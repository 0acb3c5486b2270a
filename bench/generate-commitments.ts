import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { DB } from "../src/db/schema.ts";

/**
 * Fills the bench organization (clients from generate.ts) with the people and
 * promises of a firm of 200: members with their roles, a handful of teams,
 * `commitments` promises over ~2 years of due dates with their history, in
 * set-based SQL (generate_series) inside one transaction.
 *
 * Deterministic: every row's choices come from hashes of (seed, row number), so the
 * same seed gives the same data (times are relative to `now`). About 3 % of
 * the promises are still open (30k of 1M); the first 150 open ones belong to
 * the benchmarked user, so their "My day" looks the same at any size. The
 * sweep's own work is already done (warned_at / escalated_at set where due):
 * a sweep right after generating finds nothing, until the benchmark makes
 * promises due on purpose.
 *
 * Foreign keys are not checked while loading (session_replication_role =
 * replica, for this transaction only): every reference is built from rows
 * generated here or by generate.ts, and it makes loading several times faster.
 * For the same reason the secondary indexes are dropped while loading and built
 * again afterwards; then VACUUM ANALYZE, as autovacuum would have done by now.
 */
const TEAM_NAMES = ["Noord", "Zuid", "Oost", "West", "Centrum", "Zakelijk", "Particulier", "Projecten"];
const FIRST = ["Anna", "Bas", "Chantal", "Dirk", "Esther", "Floris", "Gijs", "Hanna", "Ilse", "Joost", "Karin", "Lars", "Mila", "Niels"];
const LAST = ["Aalbers", "Bosman", "Claassen", "Dijkman", "Evers", "Franssen", "Goossens", "Hoekstra", "IJzerman", "Jonker", "Kramer"];
const PROMISES: [title: string, doneWhen: string][] = [
  ["Offerte sturen voor onderhoudscontract", "Offerte staat in de mailbox van de klant"],
  ["Terugbellen over openstaande factuur", "Klant is gebeld en weet de stand van zaken"],
  ["Jaarrekening concept aanleveren", "Concept jaarrekening gedeeld via het portaal"],
  ["Btw-aangifte controleren", "Aangifte gecontroleerd en akkoord van de klant"],
  ["Contract aanpassen na gesprek", "Aangepast contract ter ondertekening verstuurd"],
  ["Planning project doorsturen", "Planning met mijlpalen verstuurd"],
  ["Storing uitzoeken en terugkoppelen", "Oorzaak bekend en gemeld aan de klant"],
  ["Afspraak inplannen met directie", "Afspraak staat in beide agenda's"],
  ["Loonstroken nakijken", "Correcties doorgevoerd en bevestigd"],
  ["Subsidieaanvraag indienen", "Aanvraag ingediend met ontvangstbevestiging"],
  ["Terugbellen over bezwaar", "Klant gesproken, vervolgstap afgesproken"],
  ["Rapportage kwartaalcijfers sturen", "Rapport in de mailbox van de klant"],
];
const REASONS = ["Wachten op stukken van de klant", "Ziekte in het team", "Klant vroeg om uitstel", "Meer werk dan gedacht"];

const pgArray = (values: string[]) => `{${values.map((v) => `"${v.replaceAll('"', '\\"')}"`).join(",")}}`;

export type CommitmentsData = {
  users: number;
  teams: number;
  commitments: number;
  open: number;
  events: number;
  /** Open promises of the benchmarked user. */
  benchOpen: number;
  /** Every member's user id; index 0 is the benchmarked user, 1 the lead. */
  userIds: string[];
  leadIds: string[];
};

export async function generateCommitments(
  db: Kysely<DB>,
  options: {
    orgId: string;
    /** The signed-up admin whose "My day" is measured. */
    benchUserId: string;
    /** A lead who signed in through an invitation (so the benchmark holds a session of theirs). */
    leadUserId: string;
    clients: number;
    commitments: number;
    users?: number;
    seed?: string;
    now?: Date;
  },
): Promise<CommitmentsData> {
  const { orgId, clients } = options;
  const seed = options.seed ?? "trustledger";
  const now = options.now ?? new Date();
  const users = options.users ?? 200;
  const generatedUsers = users - 2;
  const teams = TEAM_NAMES.length;
  const benchOpen = 150;
  // The seed as a number for hashint8extended (the stable hash PostgreSQL partitions by): FNV-1a, 31 bits.
  let seedNumber = 2166136261;
  for (const char of seed) seedNumber = Math.imul(seedNumber ^ char.charCodeAt(0), 16777619) >>> 0;
  seedNumber &= 0x7fffffff;

  const ownerIds = [
    options.benchUserId,
    options.leadUserId,
    ...Array.from({ length: generatedUsers }, (_, i) => `bench-user-${String(i + 1).padStart(3, "0")}`),
  ];

  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    // Secondary indexes are built once after loading (a sort each) instead of updated row by row: read from
    // the catalog, so whatever indexes the migrations define are the ones rebuilt.
    await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
    const indexes = await sql<{ name: string; definition: string }>`
      select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = current_schema() and i.tablename in ('commitments', 'commitment_events')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = to_regnamespace(i.schemaname))
    `.execute(trx);
    for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(trx);

    // 1. People: generated user i (1..198) is an admin for i ≤ 2, a lead for i ≤ 9, front desk for i ≤ 13, else an advisor.
    await sql`
      insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt")
      select 'bench-user-' || lpad(i::text, 3, '0'),
             (${pgArray(FIRST)}::text[])[1 + i % ${FIRST.length}::int] || ' ' || (${pgArray(LAST)}::text[])[1 + (i / ${FIRST.length}::int) % ${LAST.length}::int],
             'user' || i || '@bench.example.test', true, ${now}::timestamptz, ${now}::timestamptz
      from generate_series(1, ${generatedUsers}::int) as i
    `.execute(trx);
    await sql`
      insert into member (id, "organizationId", "userId", role, "createdAt")
      select 'bench-member-' || lpad(i::text, 3, '0'), ${orgId}, 'bench-user-' || lpad(i::text, 3, '0'),
             case when i <= 2 then 'admin' when i <= 9 then 'lead' when i <= 13 then 'frontdesk' else 'advisor' end,
             ${now}::timestamptz
      from generate_series(1, ${generatedUsers}::int) as i
    `.execute(trx);

    // 2. Teams: the invited lead and the benchmarked user in team 1, one generated lead per other team, the rest spread.
    await sql`
      insert into teams (org_id, id, name, created_at)
      select ${orgId}, md5(${seed} || ':team:' || t)::uuid, 'Team ' || (${pgArray(TEAM_NAMES)}::text[])[t], ${now}::timestamptz
      from generate_series(1, ${teams}::int) as t
    `.execute(trx);
    await sql`
      insert into team_members (org_id, team_id, user_id)
      select ${orgId}, md5(${seed} || ':team:' || t)::uuid, u
      from (
        select 1 as t, ${options.benchUserId}::text as u
        union all select 1, ${options.leadUserId}::text
        union all select 1 + (i - 2) % ${teams}::int, 'bench-user-' || lpad(i::text, 3, '0')
          from generate_series(3, least(9, ${generatedUsers}::int)) as i
        union all select 1 + i % ${teams}::int, 'bench-user-' || lpad(i::text, 3, '0')
          from generate_series(10, ${generatedUsers}::int) as i
      ) m
    `.execute(trx);

    // 3. Promises. Per row i: eight 31-bit numbers (a–k), hashes of i seeded by the seed, decide everything. Each step is
    // materialized: inlined, the nested expressions would be repeated in every use (and compiled by JIT for minutes).
    await sql`set local jit = off`.execute(trx);
    await sql`set local work_mem = '256MB'`.execute(trx);
    await sql`
      with p as materialized (
        select ${now}::timestamptz as now,
               extract(epoch from ((date_trunc('day', ${now}::timestamptz at time zone s.time_zone) + interval '1 day') at time zone s.time_zone)
                 - ${now}::timestamptz)::int as rest_of_today,
               (select id from sla_policies where org_id = ${orgId} and kind = 'callback' and is_default and archived_at is null) as callback_policy,
               (select id from sla_policies where org_id = ${orgId} and kind = 'deliverable' and is_default and archived_at is null) as deliverable_policy
        from (select coalesce((select time_zone from org_settings where org_id = ${orgId}), 'Europe/Amsterdam') as time_zone) s
      ),
      r as materialized (
        select i, i % 100 < 3 as open, (i / 100) * 3 + i % 100 as j,
               hashint8extended(i, ${seedNumber + 1}::bigint) & 2147483647 as a, hashint8extended(i, ${seedNumber + 2}::bigint) & 2147483647 as b,
               hashint8extended(i, ${seedNumber + 3}::bigint) & 2147483647 as c, hashint8extended(i, ${seedNumber + 4}::bigint) & 2147483647 as d,
               hashint8extended(i, ${seedNumber + 5}::bigint) & 2147483647 as e, hashint8extended(i, ${seedNumber + 6}::bigint) & 2147483647 as f,
               hashint8extended(i, ${seedNumber + 7}::bigint) & 2147483647 as g, hashint8extended(i, ${seedNumber + 8}::bigint) & 2147483647 as k
        from generate_series(1, ${options.commitments}::int) as i
      ),
      x as materialized (
        select r.*, 1 + (i::bigint * 7919) % ${clients}::int as client,
               (case when not r.open then 1 + r.a % ${users}::int
                     when r.j <= ${benchOpen}::int then 1
                     else 2 + r.j % ${users - 1}::int end)::int as owner_n,
               (1 + r.k / 8 % ${PROMISES.length}::int)::int as promise_n,
               case when r.open then (case when r.b % 100 < 15 then 'renegotiated' else 'open' end)
                    when r.b % 1000 < 720 then 'kept' when r.b % 1000 < 870 then 'kept_late'
                    when r.b % 1000 < 950 then 'broken' else 'cancelled' end as status,
               case when r.c % 100 < (case when r.open then 10 else 30 end) then 'callback'
                    when r.c % 100 < 62 then 'deliverable' when r.c % 100 < 78 then 'meeting' else 'other' end as kind,
               case when r.open then (case when r.b % 100 < 15 then 1 else 0 end)
                    else (case when r.g % 100 < 8 then 1 else 0 end) end as renegotiations
        from r
      ),
      -- Due: closed ones over the last two years; open ones mostly ahead (10 % overdue, 6 % today, 24 % this week),
      -- open callbacks around now. Lead time: callbacks 0.5–8 hours, the rest 1 hour–20 days.
      d as materialized (
        select x.*,
               case when not x.open then p.now - interval '1 day' - (x.d % (729 * 86400)) * interval '1 second'
                    when x.kind = 'callback' then p.now - interval '3 hours' + (x.f % (12 * 3600)) * interval '1 second'
                    when x.e % 100 < 10 then p.now - (600 + x.f % (10 * 86400)) * interval '1 second'
                    when x.e % 100 < 16 then p.now + (60 + x.f % greatest(600, p.rest_of_today - 120)) * interval '1 second'
                    when x.e % 100 < 40 then p.now + (86400 + x.f % (6 * 86400)) * interval '1 second'
                    else p.now + (7 * 86400 + x.f % (60 * 86400)) * interval '1 second' end as due,
               (case when x.kind = 'callback' then 1800 + x.e % 27000 else 3600 + x.e % (20 * 86400) end) * interval '1 second' as lead
        from x, p
      ),
      cr as materialized (
        select d.*, least(d.due - d.lead, p.now - (300 + d.g % 3600) * interval '1 second') as created from d, p
      ),
      t as materialized (
        select cr.*,
               case when cr.renegotiations > 0 then cr.created + (cr.due - cr.created) * 0.6 else cr.due end as original_due,
               -- A closing time never lies in the future (a promise due yesterday and kept late is kept by now).
               case when cr.open then null else least(case cr.status
                 when 'kept' then cr.created + (cr.due - cr.created) * ((200 + cr.f % 800) / 1000.0)
                 when 'kept_late' then cr.due + (600 + cr.f % (4 * 86400)) * interval '1 second'
                 when 'broken' then cr.due + (3600 + cr.f % (10 * 86400)) * interval '1 second'
                 when 'cancelled' then cr.created + (cr.due - cr.created) * ((cr.f % 1000) / 1000.0)
               end, p.now - interval '1 minute') end as closed,
               cr.created + (cr.due - cr.created) * 0.75 as warn_at
        from cr, p
      ),
      owners as materialized (select n::int, id from unnest(${ownerIds}::text[]) with ordinality as o(id, n)),
      promises as materialized (
        select n::int, title, done_when
        from unnest(${pgArray(PROMISES.map(([title]) => title))}::text[], ${pgArray(PROMISES.map(([, doneWhen]) => doneWhen))}::text[])
          with ordinality as pr(title, done_when, n)
      )
      insert into commitments (org_id, id, client_id, contact_id, title, done_when, owner_id, source, kind, sla_policy_id, status,
                               due_at, original_due_at, recorded_after_due, renegotiation_count, warn_at, warned_at, escalated_at,
                               closed_at, created_by, created_at, updated_at, version)
      select ${orgId}, md5(${seed} || ':commitment:' || t.i)::uuid, md5('client' || t.client)::uuid,
             case when t.k / 65536 % 2 = 0 then md5('contact' || t.client || '-1')::uuid end,
             pr.title, pr.done_when, o.id, (array['call', 'meeting', 'email', 'note', 'portal'])[(1 + t.k % 5)::int], t.kind,
             case t.kind when 'callback' then p.callback_policy when 'deliverable' then p.deliverable_policy end,
             t.status, t.due, t.original_due, false, t.renegotiations, t.warn_at,
             case when t.warn_at <= coalesce(t.closed, p.now) then t.warn_at end,
             case when t.due <= coalesce(t.closed, p.now) then least(t.due + interval '1 minute', coalesce(t.closed, p.now)) end,
             t.closed, o.id, t.created, coalesce(t.closed, t.created),
             1 + t.renegotiations + case when t.closed is null then 0 else 1 end
      from t cross join p join owners o on o.n = t.owner_n join promises pr on pr.n = t.promise_n
    `.execute(trx);

    // 4. History: created, then the renegotiation (if any), then how it closed — in that order of writing.
    await sql`
      insert into commitment_events (org_id, id, commitment_id, kind, at, actor_id, data)
      select org_id, md5('created:' || id)::uuid, id, 'created', created_at, created_by,
             jsonb_build_object('title', title, 'doneWhen', done_when, 'ownerId', owner_id, 'dueAt', original_due_at, 'source', source,
                                'kind', kind, 'slaPolicyId', sla_policy_id, 'recordedAfterDue', false)
      from commitments where org_id = ${orgId}
    `.execute(trx);
    await sql`
      insert into commitment_events (org_id, id, commitment_id, kind, at, actor_id, data)
      select c.org_id, md5('renegotiated:' || c.id)::uuid, c.id, 'renegotiated', e.at, c.owner_id,
             jsonb_build_object('fromDueAt', c.original_due_at, 'toDueAt', c.due_at,
                                'reason', (${pgArray(REASONS)}::text[])[(1 + e.n % ${REASONS.length}::int)::int],
                                'clientInformed', e.informed, 'informedBeforeDue', e.informed and e.at < c.original_due_at)
      from commitments c
      cross join lateral (select uuid_hash_extended(c.id, ${seedNumber}::bigint) & 2147483647 as n) h
      cross join lateral (
        select h.n % 10 < 7 as informed,
               least(case when h.n % 10 < 7 then c.created_at + (c.original_due_at - c.created_at) * 0.5
                          else c.original_due_at + (c.due_at - c.original_due_at) * 0.3 end,
                     coalesce(c.closed_at, ${now}::timestamptz) - interval '1 minute') as at,
               h.n as n
      ) e
      where c.org_id = ${orgId} and c.renegotiation_count > 0
    `.execute(trx);
    await sql`
      insert into commitment_events (org_id, id, commitment_id, kind, at, actor_id, data)
      select org_id, md5('closed:' || id)::uuid, id,
             case status when 'kept' then 'completed' when 'kept_late' then 'completed' else status end,
             closed_at, owner_id,
             case status
               when 'broken' then jsonb_build_object('reason', 'Niet gelukt binnen de afgesproken tijd', 'dueAt', due_at)
               when 'cancelled' then jsonb_build_object('reason', 'Klant heeft het niet meer nodig', 'clientAgreed', true)
               else jsonb_build_object('status', status, 'dueAt', due_at, 'onTime', status = 'kept')
             end
      from commitments where org_id = ${orgId} and closed_at is not null
    `.execute(trx);
    for (const index of indexes.rows) await sql.raw(index.definition).execute(trx);
    // Triggers were off while loading: what they keep is derived in one go, as migration 0008 does.
    await sql`
      update commitments c set renegotiated_with_notice = true
       where c.org_id = ${orgId} and c.renegotiation_count > 0 and exists (
         select 1 from commitment_events e
          where e.org_id = c.org_id and e.commitment_id = c.id and e.kind = 'renegotiated'
            and (e.data ->> 'informedBeforeDue')::boolean)
    `.execute(trx);
    await sql`select commitment_figures_rebuild(${orgId})`.execute(trx);
  });

  // VACUUM as well as ANALYZE: a database in use has had its autovacuum runs, so its pages are all-visible
  // (index-only scans skip the heap) and the first measured queries do not pay for setting hint bits.
  for (const table of ["user", "member", "teams", "team_members", "commitments", "commitment_events", "commitment_figures_daily"]) {
    await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  }

  const counts = await sql<{ commitments: number; open: number; bench_open: number; events: number }>`
    select (select count(*) from commitments where org_id = ${orgId})::int as commitments,
           (select count(*) from commitments where org_id = ${orgId} and status in ('open', 'renegotiated'))::int as open,
           (select count(*) from commitments where org_id = ${orgId} and owner_id = ${options.benchUserId}
              and status in ('open', 'renegotiated'))::int as bench_open,
           (select count(*) from commitment_events where org_id = ${orgId})::int as events
  `.execute(db);
  const row = counts.rows[0]!;
  const leads = await sql<{ id: string }>`select "userId" as id from member where "organizationId" = ${orgId} and role = 'lead'`.execute(
    db,
  );
  return {
    users,
    teams,
    commitments: Number(row.commitments),
    open: Number(row.open),
    events: Number(row.events),
    benchOpen: Number(row.bench_open),
    userIds: ownerIds,
    leadIds: leads.rows.map((r) => r.id),
  };
}
