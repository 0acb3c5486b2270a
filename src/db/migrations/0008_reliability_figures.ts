import { type Kysely, sql } from "kysely";

/**
 * Reliability figures read a year of closed promises per request. Instead of
 * counting up to a million rows each time, the database keeps a daily tally
 * per owner (the organization's calendar day the promise closed), maintained
 * by triggers so that no code path that closes a promise can forget it:
 * - `commitment_figures_daily`: per organization, day and owner, the counts
 *   by outcome and the callback times (seconds from asking to kept), from
 *   which medians are taken exactly;
 * - it is added to when a promise closes (closed promises never change) and
 *   rebuilt for an organization when its time zone changes (days move);
 * - `renegotiated_with_notice` on the promise: some renegotiation of it was
 *   told to the client before the old due time (was only in its events);
 * - the index on closing time carries what per-client figures count, so that
 *   grouping by client (not tallied daily) is an index-only scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table commitments add column renegotiated_with_notice boolean not null default false;
    update commitments c set renegotiated_with_notice = true
     where c.renegotiation_count > 0 and exists (
       select 1 from commitment_events e
        where e.org_id = c.org_id and e.commitment_id = c.id and e.kind = 'renegotiated'
          and (e.data ->> 'informedBeforeDue')::boolean);
    create index commitments_closed_figures_idx on commitments (org_id, closed_at)
      include (status, kind, owner_id, client_id, created_at, renegotiation_count, renegotiated_with_notice)
      where closed_at is not null;
    drop index commitments_closed_idx;

    create table commitment_figures_daily (
      org_id text not null references "organization" ("id") on delete cascade,
      day date not null,
      owner_id text not null,
      kept integer not null default 0,
      kept_late integer not null default 0,
      broken integer not null default 0,
      cancelled integer not null default 0,
      renegotiated integer not null default 0,
      renegotiated_with_notice integer not null default 0,
      callback_seconds integer[] not null default '{}',
      -- Owner before day: per-owner figures (and their medians) read in key order, no sort of a year's rows.
      primary key (org_id, owner_id, day)
    );

    -- All callback times of many days in one array, for medians taken in the app.
    create aggregate commitment_callback_seconds_agg(integer[]) (sfunc = array_cat, stype = integer[], initcond = '{}');

    create function commitment_figures_zone(org text) returns text language sql stable as $$
      select coalesce((select time_zone from org_settings where org_id = org), 'Europe/Amsterdam')
    $$;

    create function commitment_figures_rebuild(org text) returns void language plpgsql as $$
    begin
      delete from commitment_figures_daily where org_id = org;
      insert into commitment_figures_daily (org_id, day, owner_id, kept, kept_late, broken, cancelled, renegotiated,
                                            renegotiated_with_notice, callback_seconds)
      select c.org_id, (c.closed_at at time zone z.zone)::date, c.owner_id,
             count(*) filter (where c.status = 'kept'), count(*) filter (where c.status = 'kept_late'),
             count(*) filter (where c.status = 'broken'), count(*) filter (where c.status = 'cancelled'),
             count(*) filter (where c.renegotiation_count > 0), count(*) filter (where c.renegotiated_with_notice),
             coalesce(array_agg(extract(epoch from c.closed_at - c.created_at)::int)
                        filter (where c.kind = 'callback' and c.status in ('kept', 'kept_late')), '{}')
        from commitments c cross join (select commitment_figures_zone(org) as zone) z
       where c.org_id = org and c.closed_at is not null
       group by 1, 2, 3;
    end $$;

    create function commitment_figures_add() returns trigger language plpgsql as $$
    begin
      insert into commitment_figures_daily as f (org_id, day, owner_id, kept, kept_late, broken, cancelled, renegotiated,
                                                 renegotiated_with_notice, callback_seconds)
      values (new.org_id, (new.closed_at at time zone commitment_figures_zone(new.org_id))::date, new.owner_id,
              (new.status = 'kept')::int, (new.status = 'kept_late')::int, (new.status = 'broken')::int,
              (new.status = 'cancelled')::int, (new.renegotiation_count > 0)::int, new.renegotiated_with_notice::int,
              case when new.kind = 'callback' and new.status in ('kept', 'kept_late')
                   then array[extract(epoch from new.closed_at - new.created_at)::int] else '{}' end)
      on conflict (org_id, owner_id, day) do update set
        kept = f.kept + excluded.kept,
        kept_late = f.kept_late + excluded.kept_late,
        broken = f.broken + excluded.broken,
        cancelled = f.cancelled + excluded.cancelled,
        renegotiated = f.renegotiated + excluded.renegotiated,
        renegotiated_with_notice = f.renegotiated_with_notice + excluded.renegotiated_with_notice,
        callback_seconds = f.callback_seconds || excluded.callback_seconds;
      return null;
    end $$;
    create trigger commitment_figures_on_close after update of closed_at on commitments
      for each row when (old.closed_at is null and new.closed_at is not null) execute function commitment_figures_add();
    create trigger commitment_figures_on_insert after insert on commitments
      for each row when (new.closed_at is not null) execute function commitment_figures_add();

    create function commitment_figures_rezone() returns trigger language plpgsql as $$
    begin
      perform commitment_figures_rebuild(new.org_id);
      return null;
    end $$;
    create trigger commitment_figures_on_zone_change after update of time_zone on org_settings
      for each row when (old.time_zone is distinct from new.time_zone) execute function commitment_figures_rezone();
    create trigger commitment_figures_on_first_zone after insert on org_settings
      for each row when (new.time_zone <> 'Europe/Amsterdam') execute function commitment_figures_rezone();

    select commitment_figures_rebuild(id) from "organization";
  `.execute(db);
}
