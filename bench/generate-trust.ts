import type { Kysely } from "kysely";
import { sql } from "kysely";
import { TRUST_CORES } from "../src/core/trust/cores.ts";
import { DEFAULT_WEIGHTS } from "../src/core/trust/weights.ts";
import type { DB } from "../src/db/schema.ts";

/**
 * Fills the bench organization (clients from generate.ts, promises from
 * generate-commitments.ts) with a trust ledger as the app would have written
 * it over ~2 years, in set-based SQL inside one transaction:
 *
 * - domain events: every promise's facts (created, kept, kept late,
 *   renegotiated, broken, cancelled) with the ids and payloads the commitments
 *   module publishes (commitments.events.ts: the fact's id is the history
 *   event's id, so a backfill republishes nothing new), then client pulse
 *   answers (with their pulse_requests and pulse_answers rows), team pulse
 *   summaries and hand-recorded observations until the evidence reaches
 *   `evidence` rows. Events are recorded in the order they happened (seq).
 * - trust_evidence: each event's evidence by the rules of
 *   core/trust/evidence-rules.ts with the default weight table of
 *   core/trust/weights.ts (the rules restated in SQL: see `EVIDENCE_OF`).
 * - trust_scores and trust_score_days: the decayed sums r and s per client and
 *   core (half-life 180 days), as of each core's newest evidence, and each
 *   day's last state — what writing the evidence one event at a time yields.
 * - client_risks: every client's row, worked out now, with the reasons that
 *   follow from evidence alone (an undisclosed break in the last 90 days,
 *   callbacks missed in the last 30, a low latest pulse); integrity drop,
 *   silence, perception gap and team-pulse drop are left to the daily refresh.
 * - clients.team_id: `leadClients` clients in team 1 (the invited lead's team),
 *   the others spread over the other teams.
 *
 * One client (client 1) gets `heavyEvidence` extra rows (observations and
 * pulse answers): the trust page of a client with a long history.
 *
 * Interactions (2M in the issue's benchmark) come from the interactions
 * module, which is not on this branch: see `generateInteractions` below.
 *
 * Deterministic per seed (times relative to `now`). As in generate-commitments.ts,
 * foreign keys are not checked while loading and secondary indexes are built
 * once afterwards, then VACUUM ANALYZE.
 */

const OBSERVATIONS = [
  "Belde zelf terug toen het misging",
  "Hield informatie achter over de vertraging",
  "Dacht mee over de financiering",
  "Kende het dossier niet bij het gesprek",
  "Leverde de analyse ruim voor de deadline",
  "Reageerde geïrriteerd op een vraag van de klant",
  "Nam de tijd voor de zorgen van de directeur",
  "Rekende een uur te veel",
];
const pgArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replaceAll('"', '\\"')}"`).join(",")}}`;
const HALF_LIFE_DAYS = 180;

export type TrustData = {
  events: number;
  eventsByType: Record<string, number>;
  evidence: number;
  evidenceFromCommitments: number;
  pulses: number;
  teamPulses: number;
  observations: number;
  scores: number;
  scoreDays: number;
  clientsAtRisk: number;
  leadTeamId: string;
  leadClients: number;
  leadClientsAtRisk: number;
  heavyClientId: string;
  heavyClientEvidence: number;
  meanEvidencePerClient: number;
  interactions: { generated: number; note: string };
  seconds: Record<string, number>;
};

/**
 * The evidence rules of core/trust/evidence-rules.ts in SQL, for the domain
 * events in `source` (alias e): one row per (event, kind, core) with its
 * weight, joined to the weight table `bench_weights`.
 */
const evidenceOf = (source: "bench_events" | "domain_events") =>
  sql`
  from ${sql.table(source)} e
  cross join lateral (
    select m.kind, m.only_core, m.times from (values (
      case e.type
        when 'commitment.kept' then case when e.payload ->> 'commitmentKind' = 'callback' then 'callback_returned_in_time' else 'commitment_kept' end
        when 'commitment.kept_late' then case when e.payload ->> 'commitmentKind' = 'callback' then 'callback_returned_late' else 'commitment_kept_late' end
        when 'commitment.broken' then case when e.payload ->> 'commitmentKind' = 'callback' then 'callback_never_returned'
                                           when e.payload ->> 'clientInformed' = 'true' then 'commitment_broken_disclosed'
                                           else 'commitment_broken_undisclosed' end
        when 'commitment.renegotiated' then case when e.payload ->> 'informedBeforeDue' = 'true' then 'commitment_renegotiated_with_notice'
                                                 else 'commitment_renegotiated_without_notice' end
        when 'commitment.cancelled' then case when e.payload ->> 'clientAgreed' = 'true' then 'commitment_cancelled_agreed' end
        when 'team_pulse.summarized' then case when (e.payload ->> 'average')::float8 < 3 then 'team_pulse_low'
                                               when (e.payload ->> 'average')::float8 > 3.5 then 'team_pulse_high' end
        when 'trust.observation_recorded' then case when e.payload ->> 'direction' = 'negative' then 'observation_negative' else 'observation_positive' end
      end,
      case when e.type = 'trust.observation_recorded' then e.payload ->> 'core' end,
      case when e.type = 'team_pulse.summarized' and (e.payload ->> 'average')::float8 < 3 then 3 - (e.payload ->> 'average')::float8
           when e.type = 'trust.observation_recorded' then coalesce(round((e.payload ->> 'strength')::float8), 1)
           else 1 end
    )) m(kind, only_core, times)
    where m.kind is not null and e.type <> 'pulse.answered'
    union all
    select 'pulse_answer_' || (e.payload ->> core), core, 1::float8
    from unnest(${sql.raw(`'${pgArray(TRUST_CORES)}'`)}::text[]) core
    where e.type = 'pulse.answered' and e.payload ? core
  ) m
  join bench_weights w on w.kind = m.kind and (m.only_core is null or w.core = m.only_core)`;

export async function generateTrust(
  db: Kysely<DB>,
  options: {
    orgId: string;
    clients: number;
    /** Evidence rows to reach (commitments' evidence first, the rest from pulses, team pulses and observations). */
    evidence: number;
    /** Extra evidence rows of client 1. */
    heavyEvidence?: number;
    /** Clients in the lead's team (team 1 of generate-commitments.ts). */
    leadClients: number;
    /** Members who record observations (generate-commitments.ts's userIds). */
    userIds: readonly string[];
    /** Interactions to generate (see generateInteractions). */
    interactions?: number;
    seed?: string;
    now?: Date;
  },
): Promise<TrustData> {
  const { orgId, clients } = options;
  const seed = options.seed ?? "trustledger";
  const now = options.now ?? new Date();
  const heavy = options.heavyEvidence ?? 500;
  const leadClients = Math.min(options.leadClients, clients);
  let seedNumber = 2166136261;
  for (const char of seed) seedNumber = Math.imul(seedNumber ^ char.charCodeAt(0), 16777619) >>> 0;
  seedNumber &= 0x7fffffff;
  const hash = (i: string, salt: number) => sql`(hashint8extended(${sql.raw(i)}, ${seedNumber + salt}::bigint) & 2147483647)`;
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      seconds[name] = (performance.now() - started) / 1000;
    }
  };
  const weights = Object.entries(DEFAULT_WEIGHTS).flatMap(([kind, cores]) =>
    Object.entries(cores).map(([core, weight]) => ({ kind, core, weight: weight as number })),
  );
  const leadTeamId = (await sql<{ id: string }>`select md5(${seed} || ':team:1')::uuid::text as id`.execute(db)).rows[0]?.id as string;

  const counts = { pulses: 0, teamPulses: 0, observations: 0, evidenceFromCommitments: 0 };
  const interactions = await generateInteractions(db, { orgId, clients, interactions: options.interactions ?? 0, seedNumber, now });

  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
    await sql`set local work_mem = '256MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    const tables = [
      "domain_events",
      "trust_evidence",
      "trust_scores",
      "trust_score_days",
      "client_risks",
      "pulse_requests",
      "pulse_answers",
    ];
    const indexes = await sql<{ name: string; definition: string }>`
      select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = any(${tables}::text[])
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = to_regnamespace(i.schemaname))
    `.execute(trx);
    for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(trx);

    await sql`create temp table bench_weights (kind text, core text, weight float8) on commit drop`.execute(trx);
    await sql`
      insert into bench_weights select w.kind, w.core, w.weight
      from jsonb_to_recordset(${JSON.stringify(weights)}::jsonb) as w(kind text, core text, weight float8)
    `.execute(trx);

    // 1. The lead's team holds `leadClients` clients spread evenly over the numbering; the rest go to teams 2–8.
    await timed("teams", () =>
      sql`
        update clients c set team_id = case
            when floor(i::numeric * ${leadClients} / ${clients}) <> floor((i - 1)::numeric * ${leadClients} / ${clients}) then ${leadTeamId}::uuid
            else md5(${seed} || ':team:' || (2 + i % 7))::uuid end
        from generate_series(1, ${clients}::int) as i
        where c.org_id = ${orgId} and c.id = md5('client' || i)::uuid
      `.execute(trx),
    );

    // 2. Facts of the promises, as commitments.events.ts publishes them (same ids as their history events).
    await sql`
      create temp table bench_events (id uuid, type text, subject_type text, subject_id uuid, client_id uuid,
                                      actor_id text, payload jsonb, occurred_at timestamptz) on commit drop
    `.execute(trx);
    await timed("commitment facts", () =>
      sql`
        insert into bench_events
        select e.id, f.type, 'commitment', c.id, c.client_id, e.actor_id,
               jsonb_build_object('commitmentId', c.id, 'title', c.title, 'commitmentKind', c.kind, 'ownerId', c.owner_id,
                                  'dueAt', coalesce(e.data ->> 'fromDueAt', e.data ->> 'dueAt', ''))
               || case when e.data ? 'toDueAt' then jsonb_build_object('toDueAt', e.data ->> 'toDueAt') else '{}'::jsonb end
               || case f.type
                    when 'commitment.renegotiated' then jsonb_build_object('informedBeforeDue', coalesce(e.data ->> 'informedBeforeDue' = 'true', false))
                    when 'commitment.broken' then jsonb_build_object('clientInformed', coalesce(e.data ->> 'clientInformed' = 'true', false))
                    when 'commitment.cancelled' then jsonb_build_object('clientAgreed', coalesce(e.data ->> 'clientAgreed' = 'true', false))
                    else '{}'::jsonb end
               || case when f.type in ('commitment.kept', 'commitment.kept_late', 'commitment.broken', 'commitment.cancelled')
                    then jsonb_build_object('closedAt', to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                    else '{}'::jsonb end,
               e.at
        from commitment_events e
        join commitments c on c.org_id = e.org_id and c.id = e.commitment_id
        cross join lateral (
          select case e.kind
            when 'created' then 'commitment.created'
            when 'completed' then case when e.data ->> 'status' = 'kept_late' then 'commitment.kept_late' else 'commitment.kept' end
            when 'renegotiated' then 'commitment.renegotiated'
            when 'broken' then 'commitment.broken'
            when 'cancelled' then 'commitment.cancelled'
          end as type
        ) f
        where e.org_id = ${orgId} and f.type is not null
      `.execute(trx),
    );
    counts.evidenceFromCommitments = Number(
      (await sql<{ n: number }>`select count(*)::int as n ${evidenceOf("bench_events")}`.execute(trx)).rows[0]?.n ?? 0,
    );

    // 3. The rest of the evidence: half from client pulses (four rows each), a fifth from team pulse summaries
    // (one per client and quarter, at most eight quarters), the rest from observations. Client 1 gets `heavy` more.
    const rest = Math.max(0, options.evidence - counts.evidenceFromCommitments);
    const heavyPulses = Math.round((heavy * 0.4) / 4);
    const heavyObservations = heavy - heavyPulses * 4;
    counts.pulses = Math.round((rest * 0.5) / 4) + heavyPulses;
    counts.teamPulses = Math.min(8 * clients, Math.round(rest * 0.2));
    counts.observations = Math.max(0, options.evidence + heavy - counts.evidenceFromCommitments - counts.pulses * 4 - counts.teamPulses);
    const answer = (h: ReturnType<typeof hash>) =>
      sql`(case when ${h} % 100 < 4 then 1 when ${h} % 100 < 12 then 2 when ${h} % 100 < 30 then 3 when ${h} % 100 < 70 then 4 else 5 end)`;
    await timed("pulses", async () => {
      await sql`
        create temp table bench_pulses on commit drop as
        select j, md5(${seed} || ':pulse:' || j)::uuid as id, md5(${seed} || ':pulse-request:' || j)::uuid as request_id,
               md5('client' || x.client)::uuid as client_id, md5('contact' || x.client || '-' || (1 + ${hash("j", 32)} % 3))::uuid as contact_id,
               ${now}::timestamptz - (86400 + ${hash("j", 33)} % (728 * 86400)) * interval '1 second' as at,
               ${answer(hash("j", 34))} as integrity, ${answer(hash("j", 35))} as intent,
               ${answer(hash("j", 36))} as capabilities, ${answer(hash("j", 37))} as results
        from generate_series(1, ${counts.pulses}::int) as j
        cross join lateral (select case when j <= ${heavyPulses}::int then 1 else 1 + ${hash("j", 31)} % ${clients}::int end as client) x
      `.execute(trx);
      await sql`
        insert into pulse_requests (org_id, id, client_id, contact_id, token_hash, language, created_by, created_at, expires_at, answered_at)
        select ${orgId}, request_id, client_id, contact_id, md5(${seed} || ':pulse-token:' || j), 'nl', null,
               at - interval '2 days', at + interval '12 days', at
        from bench_pulses
      `.execute(trx);
      await sql`
        insert into pulse_answers (org_id, id, request_id, client_id, contact_id, integrity, intent, capabilities, results, comment, answered_at)
        select ${orgId}, id, request_id, client_id, contact_id, integrity, intent, capabilities, results, null, at from bench_pulses
      `.execute(trx);
      await sql`
        insert into bench_events
        select p.id, 'pulse.answered', 'pulse_answer', p.id, p.client_id, null,
               jsonb_build_object('requestId', p.request_id, 'contactId', p.contact_id, 'integrity', p.integrity, 'intent', p.intent,
                                  'capabilities', p.capabilities, 'results', p.results, 'summary', k.name),
               p.at
        from bench_pulses p join contacts k on k.org_id = ${orgId} and k.id = p.contact_id
      `.execute(trx);
    });
    await timed("team pulses", () =>
      sql`
        insert into bench_events
        select md5(${seed} || ':team-pulse:' || t.client || ':' || t.period)::uuid, 'team_pulse.summarized', 'team_pulse',
               md5('client' || t.client)::uuid, md5('client' || t.client)::uuid, null,
               jsonb_build_object('period', t.period, 'average', t.average, 'respondents', 3 + ${hash("j", 43)} % 5),
               least(t.quarter + interval '60 days' + (${hash("j", 44)} % (25 * 86400)) * interval '1 second', ${now}::timestamptz - interval '1 hour')
        from generate_series(1, ${counts.teamPulses}::int) as j
        cross join lateral (
          select 1 + (j - 1) % ${clients}::int as client,
                 date_trunc('quarter', ${now}::timestamptz at time zone 'UTC') - ((j - 1) / ${clients}::int + 1) * interval '3 months' as quarter
        ) q
        cross join lateral (
          select q.client, q.quarter at time zone 'UTC' as quarter,
                 to_char(q.quarter, 'YYYY') || '-Q' || extract(quarter from q.quarter) as period,
                 case when ${hash("j", 41)} % 100 < 25 then 1.7 + (${hash("j", 42)} % 120) / 100.0
                      else 3.6 + (${hash("j", 42)} % 120) / 100.0 end as average
        ) t
      `.execute(trx),
    );
    await timed("observations", () =>
      sql`
        insert into bench_events
        select md5(${seed} || ':observation:' || j)::uuid, 'trust.observation_recorded', 'observation',
               md5(${seed} || ':observation:' || j)::uuid, md5('client' || x.client)::uuid,
               (${pgArray(options.userIds)}::text[])[1 + ${hash("j", 55)} % ${options.userIds.length}::int],
               jsonb_build_object('core', (${pgArray(TRUST_CORES)}::text[])[1 + ${hash("j", 52)} % 4],
                                  'direction', case when ${hash("j", 53)} % 100 < 35 then 'negative' else 'positive' end,
                                  'strength', 1 + ${hash("j", 54)} % 3, 'note', x.reason, 'title', x.reason),
               ${now}::timestamptz - (600 + ${hash("j", 56)} % (729 * 86400)) * interval '1 second'
        from generate_series(1, ${counts.observations}::int) as j
        cross join lateral (
          select case when j <= ${heavyObservations}::int then 1 else 1 + ${hash("j", 51)} % ${clients}::int end as client,
                 (${pgArray(OBSERVATIONS)}::text[])[1 + ${hash("j", 57)} % ${OBSERVATIONS.length}::int] as reason
        ) x
      `.execute(trx),
    );

    // 4. Recorded in the order they happened; then their evidence.
    await timed("domain events", () =>
      sql`
        insert into domain_events (org_id, id, type, subject_type, subject_id, client_id, actor_id, payload, occurred_at, recorded_at)
        select ${orgId}, id, type, subject_type, subject_id, client_id, actor_id, payload, occurred_at, occurred_at
        from bench_events order by occurred_at, id
      `.execute(trx),
    );
    await timed("evidence", () =>
      sql`
        insert into trust_evidence (org_id, id, event_id, client_id, core, kind, weight, occurred_at, source_type, source_id,
                                    subject_user_id, recorded_by, note, label, recorded_at)
        select e.org_id, md5('evidence:' || e.id || ':' || m.kind || ':' || w.core)::uuid, e.id, e.client_id, w.core, m.kind,
               w.weight * m.times, e.occurred_at, e.subject_type, e.subject_id,
               case when jsonb_typeof(e.payload -> 'ownerId') = 'string' then e.payload ->> 'ownerId' else e.actor_id end,
               e.actor_id,
               case when jsonb_typeof(e.payload -> 'note') = 'string' then e.payload ->> 'note' end,
               case when jsonb_typeof(e.payload -> 'title') = 'string' then e.payload ->> 'title'
                    when jsonb_typeof(e.payload -> 'summary') = 'string' then e.payload ->> 'summary' end,
               e.occurred_at
        ${evidenceOf("domain_events")}
        and e.org_id = ${orgId} and e.client_id is not null
      `.execute(trx),
    );

    // 5. Scores: r = Σ w⁺·2^(−(asOf − t)/h), s likewise for w⁻, as of each core's newest evidence, computed as
    // 2^(−(asOf − t₀)/h) · Σ w·2^((t − t₀)/h) with t₀ before all evidence (no overflow over ~2 years).
    const t0 = sql`(extract(epoch from ${now}::timestamptz) / 86400.0 - 800)`;
    const days = sql`(extract(epoch from occurred_at) / 86400.0)`;
    const grown = (sign: ">=" | "<") =>
      sign === ">="
        ? sql`case when weight >= 0 then weight * power(2::float8, (${days} - ${t0}) / ${HALF_LIFE_DAYS}) else 0 end`
        : sql`case when weight < 0 then -weight * power(2::float8, (${days} - ${t0}) / ${HALF_LIFE_DAYS}) else 0 end`;
    const shrink = (at: ReturnType<typeof sql>) =>
      sql`power(2::float8, -((extract(epoch from ${at}) / 86400.0) - ${t0}) / ${HALF_LIFE_DAYS})`;
    await timed("scores", () =>
      sql`
        insert into trust_scores (org_id, client_id, core, r, s, as_of, evidence_count)
        select ${orgId}, client_id, core, sum(${grown(">=")}) * ${shrink(sql`max(occurred_at)`)}, sum(${grown("<")}) * ${shrink(sql`max(occurred_at)`)},
               max(occurred_at), count(*)
        from trust_evidence where org_id = ${orgId} and revoked_at is null
        group by client_id, core
      `.execute(trx),
    );
    await timed("score days", () =>
      sql`
        insert into trust_score_days (org_id, client_id, core, day, r, s, as_of)
        select distinct on (client_id, core, day) ${orgId}, client_id, core, day, r * ${shrink(sql`occurred_at`)}, s * ${shrink(sql`occurred_at`)}, occurred_at
        from (
          select client_id, core, occurred_at, id, (occurred_at at time zone 'UTC')::date as day,
                 sum(${grown(">=")}) over running as r, sum(${grown("<")}) over running as s
          from trust_evidence where org_id = ${orgId} and revoked_at is null
          window running as (partition by client_id, core order by occurred_at, event_id rows between unbounded preceding and current row)
        ) x
        order by client_id, core, day, occurred_at desc, id desc
      `.execute(trx),
    );

    // 6. At-risk reasons that follow from evidence alone (core/trust/at-risk.ts: riskReasons, riskRank, nextStep).
    const ref = sql`jsonb_build_object('id', id, 'kind', kind, 'occurredAt', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                       'label', label, 'source', jsonb_build_object('type', source_type, 'id', source_id))`;
    await timed("risks", () =>
      sql`
        insert into client_risks (org_id, client_id, rank, reasons, codes, next_step, stale, computed_at)
        with recent as (
          select client_id, kind, occurred_at, ${ref} as ref,
                 row_number() over (partition by client_id, kind in ('callback_never_returned', 'callback_returned_late') order by occurred_at desc) as n
          from trust_evidence
          where org_id = ${orgId} and core = 'integrity' and revoked_at is null
            and ((kind = 'commitment_broken_undisclosed' and occurred_at >= ${now}::timestamptz - interval '90 days')
              or (kind in ('callback_never_returned', 'callback_returned_late') and occurred_at >= ${now}::timestamptz - interval '30 days'))
        ),
        latest_pulse as (
          select distinct on (client_id) client_id, id, answered_at, (integrity + intent + capabilities + results) / 4.0 as average
          from pulse_answers where org_id = ${orgId} order by client_id, answered_at desc, id desc
        ),
        reasons as (
          select client_id, 1 as ord, 'broken_undisclosed' as code, 5 + count(*) as severity, 'apologise_and_renegotiate' as step,
                 jsonb_build_object('count', count(*)) as params, jsonb_agg(ref order by occurred_at desc) as evidence
          from recent where kind = 'commitment_broken_undisclosed' and n <= 50 group by client_id
          union all
          select client_id, 4, 'callbacks_missed', 2 + count(*), 'call', jsonb_build_object('count', count(*)), jsonb_agg(ref order by occurred_at desc)
          from recent where kind <> 'commitment_broken_undisclosed' and n <= 50 group by client_id
          union all
          select p.client_id, 5, 'low_pulse', 4, 'involve_senior', jsonb_build_object('average', round(p.average * 10) / 10),
                 coalesce((select jsonb_agg(${ref} order by core) from trust_evidence
                           where org_id = ${orgId} and event_id = p.id and revoked_at is null), '[]'::jsonb)
          from latest_pulse p
          where p.average <= 2.5 and p.answered_at >= ${now}::timestamptz - interval '180 days'
        )
        select ${orgId}, c.id, coalesce(sum(r.severity), 0),
               coalesce(jsonb_agg(jsonb_build_object('code', r.code, 'severity', r.severity, 'params', r.params, 'evidence', r.evidence)
                                  order by r.severity desc, r.ord) filter (where r.code is not null), '[]'::jsonb),
               coalesce(array_agg(r.code order by r.severity desc, r.ord) filter (where r.code is not null), '{}'),
               (array_agg(r.step order by r.severity desc, r.ord) filter (where r.code is not null))[1],
               false, ${now}::timestamptz
        from clients c left join reasons r on r.client_id = c.id
        where c.org_id = ${orgId}
        group by c.id
      `.execute(trx),
    );

    await timed("indexes", async () => {
      for (const index of indexes.rows) await sql.raw(index.definition).execute(trx);
    });
  });

  await timed("vacuum", async () => {
    for (const table of [
      "clients",
      "domain_events",
      "trust_evidence",
      "trust_scores",
      "trust_score_days",
      "client_risks",
      "pulse_requests",
      "pulse_answers",
    ]) {
      await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
    }
  });

  const byType = await sql<{ type: string; n: number }>`
    select type, count(*)::int as n from domain_events where org_id = ${orgId} group by type order by type
  `.execute(db);
  const totals = (
    await sql<{
      evidence: number;
      scores: number;
      days: number;
      at_risk: number;
      lead_at_risk: number;
      heavy: number;
      clients_with: number;
    }>`
      select (select count(*) from trust_evidence where org_id = ${orgId})::int as evidence,
             (select count(*) from trust_scores where org_id = ${orgId})::int as scores,
             (select count(*) from trust_score_days where org_id = ${orgId})::int as days,
             (select count(*) from client_risks where org_id = ${orgId} and rank > 0)::int as at_risk,
             (select count(*) from client_risks r join clients c on c.org_id = r.org_id and c.id = r.client_id
               where r.org_id = ${orgId} and r.rank > 0 and c.team_id = ${leadTeamId}::uuid)::int as lead_at_risk,
             (select count(*) from trust_evidence where org_id = ${orgId} and client_id = md5('client1')::uuid)::int as heavy,
             (select count(distinct client_id) from trust_scores where org_id = ${orgId})::int as clients_with
    `.execute(db)
  ).rows[0]!;
  const eventsByType = Object.fromEntries(byType.rows.map((row) => [row.type, Number(row.n)]));
  return {
    events: Object.values(eventsByType).reduce((sum, n) => sum + n, 0),
    eventsByType,
    evidence: Number(totals.evidence),
    evidenceFromCommitments: counts.evidenceFromCommitments,
    pulses: counts.pulses,
    teamPulses: counts.teamPulses,
    observations: counts.observations,
    scores: Number(totals.scores),
    scoreDays: Number(totals.days),
    clientsAtRisk: Number(totals.at_risk),
    leadTeamId,
    leadClients,
    leadClientsAtRisk: Number(totals.lead_at_risk),
    heavyClientId: (await sql<{ id: string }>`select md5('client1')::uuid::text as id`.execute(db)).rows[0]?.id as string,
    heavyClientEvidence: Number(totals.heavy),
    meanEvidencePerClient: Number(totals.evidence) / clients,
    interactions,
    seconds,
  };
}

/** Words the generated interactions are made of: what advisors of a firm write down after a call or meeting. */
const TOPICS = [
  "offerte",
  "jaarrekening",
  "factuur",
  "btw-aangifte",
  "loonadministratie",
  "contract",
  "planning",
  "storing",
  "terugbellen",
  "subsidie",
  "begroting",
  "huurovereenkomst",
  "verzekering",
  "pensioen",
  "investering",
  "annual report",
  "invoice",
  "quote",
  "payroll",
  "tax return",
  "renewal",
  "audit",
  "budget",
  "forecast",
  "onboarding",
];
const OPENINGS = [
  "Gebeld over",
  "Overleg over",
  "Mail ontvangen over",
  "Vraag over",
  "Afspraak gemaakt over",
  "Klacht over",
  "Called about",
  "Meeting on",
  "E-mail about",
  "Question on",
  "Follow-up on",
];
const SENTENCES = [
  "Klant wil voor vrijdag duidelijkheid.",
  "We sturen de stukken volgende week.",
  "Cijfers van het derde kwartaal ontbreken nog.",
  "De directeur is tevreden over de samenwerking.",
  "Er is twijfel over de planning.",
  "Client asked for a revised proposal.",
  "We promised to call back tomorrow.",
  "The numbers do not match last year's.",
  "They invited us to their new year's reception.",
  "Bespreking met de boekhouder van de klant ingepland.",
];

const pgText = (words: readonly string[]) => `'{${words.map((word) => `"${word.replaceAll("'", "''")}"`).join(",")}}'`;

/**
 * Interactions for search and the timeline's size (2M in the issue's benchmark), in set-based SQL with the
 * module's own columns: a summary "opening + topic + client name" and a body of two sentences, both from the
 * word lists above, over the last two years, 1–3 contacts of the client. Their flags stay false and no
 * `interaction.logged` facts are written: evidence comes from the other sources, and the timeline is not
 * measured. The search index is dropped while loading and built again afterwards, as a bulk load would.
 */
async function generateInteractions(
  db: Kysely<DB>,
  options: { orgId: string; clients: number; interactions: number; seedNumber: number; now: Date },
): Promise<{ generated: number; note: string }> {
  const { orgId, clients, interactions, seedNumber, now } = options;
  if (interactions <= 0) return { generated: 0, note: "none asked for (BENCH_INTERACTIONS=0)" };
  const hash = (i: string, salt: number) => sql`(hashint8extended(${sql.raw(i)}, ${seedNumber + salt}::bigint) & 2147483647)`;
  const pick = (list: readonly string[], salt: number) => sql`(${sql.raw(pgText(list))}::text[])[1 + ${hash("j", salt)} % ${list.length}]`;
  await db.transaction().execute(async (trx) => {
    await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    await sql`drop index if exists interactions_search_idx`.execute(trx);
    await sql`
      insert into interactions (org_id, id, client_id, contact_id, kind, direction, initiated_by, occurred_at, summary, body, created_at)
      select ${orgId}, md5('interaction' || j)::uuid, md5('client' || x.client)::uuid,
             md5('contact' || x.client || '-' || (1 + ${hash("j", 52)} % 3))::uuid,
             (array['call','meeting','email','note','portal'])[1 + ${hash("j", 53)} % 5],
             (array['inbound','outbound'])[1 + ${hash("j", 54)} % 2],
             (array['client','us'])[1 + ${hash("j", 55)} % 2],
             x.at,
             ${pick(OPENINGS, 56)} || ' ' || ${pick(TOPICS, 57)} || ' — ' || c.name,
             ${pick(SENTENCES, 58)} || ' ' || ${pick(SENTENCES, 59)} || ' ' || ${pick(TOPICS, 60)},
             x.at
      from generate_series(1, ${interactions}::int) as j
      cross join lateral (
        select 1 + ${hash("j", 51)} % ${clients}::int as client,
               ${now}::timestamptz - (60 + ${hash("j", 50)} % (730 * 86400)) * interval '1 second' as at
      ) x
      join clients c on c.org_id = ${orgId} and c.id = md5('client' || x.client)::uuid
    `.execute(trx);
    await sql`create index interactions_search_idx on interactions using gin (search_vector)`.execute(trx);
  });
  await sql`analyze interactions`.execute(db);
  return {
    generated: interactions,
    note: `${interactions.toLocaleString("en")} generated (word lists in bench/generate-trust.ts; flags false, no interaction facts)`,
  };
}
