import { type Kysely, sql } from "kysely";

/**
 * A closed promise can be reopened shortly after closing (an undo of "Mark
 * done"): the daily tally of migration 0008 assumed closed promises never
 * change, so a reopen takes the promise out of it again — the day, owner and
 * outcome it was counted under are the old row's. A day row left with
 * nothing in it is removed, so the tally after close and reopen is the tally
 * before the close. Closing it again adds it again (the 0008 trigger).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One occurrence of a value out of an array (array_remove would take every equal callback time).
    create function commitment_array_remove_one(values_ integer[], value_ integer) returns integer[]
      language sql immutable as $$
      select case when array_position(values_, value_) is null then values_
                  else values_[:array_position(values_, value_) - 1] || values_[array_position(values_, value_) + 1:] end
    $$;

    create function commitment_figures_remove() returns trigger language plpgsql as $$
    declare
      closed_day date := (old.closed_at at time zone commitment_figures_zone(old.org_id))::date;
    begin
      update commitment_figures_daily f set
        kept = f.kept - (old.status = 'kept')::int,
        kept_late = f.kept_late - (old.status = 'kept_late')::int,
        broken = f.broken - (old.status = 'broken')::int,
        cancelled = f.cancelled - (old.status = 'cancelled')::int,
        renegotiated = f.renegotiated - (old.renegotiation_count > 0)::int,
        renegotiated_with_notice = f.renegotiated_with_notice - old.renegotiated_with_notice::int,
        callback_seconds = case when old.kind = 'callback' and old.status in ('kept', 'kept_late')
                                then commitment_array_remove_one(f.callback_seconds, extract(epoch from old.closed_at - old.created_at)::int)
                                else f.callback_seconds end
       where f.org_id = old.org_id and f.owner_id = old.owner_id and f.day = closed_day;
      delete from commitment_figures_daily f
       where f.org_id = old.org_id and f.owner_id = old.owner_id and f.day = closed_day
         and f.kept = 0 and f.kept_late = 0 and f.broken = 0 and f.cancelled = 0
         and f.renegotiated = 0 and f.renegotiated_with_notice = 0 and cardinality(f.callback_seconds) = 0;
      return null;
    end $$;
    create trigger commitment_figures_on_reopen after update of closed_at on commitments
      for each row when (old.closed_at is not null and new.closed_at is null) execute function commitment_figures_remove();
  `.execute(db);
}
