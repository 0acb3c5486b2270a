import { type Kysely, sql } from "kysely";

/**
 * Three parts of the trust ledger that are not our scores:
 *
 * - `client_conduct`: how the client keeps its side (pays on time, keeps
 *   appointments, treats staff with respect, provides information), each a
 *   positive or negative observation with a note, attributable and, like
 *   commitment history, append-only by trigger. Shown apart from the trust
 *   scores and never mixed into them.
 * - `trust_self_assessments`: a person's own view of themselves on the four
 *   cores (1–5), one row per assessment so the history is kept. Private to
 *   that person: no route reads another user's rows.
 * - `client_portal_settings`: per client, whether its portal shows our track
 *   record (off until someone turns it on).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table client_conduct (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      client_id uuid not null,
      aspect text not null
        check (aspect in ('pays_on_time', 'keeps_appointments', 'treats_staff_with_respect', 'provides_information')),
      direction text not null check (direction in ('positive', 'negative')),
      note text not null check (length(note) between 1 and 2000),
      occurred_at timestamptz not null,
      recorded_by text references "user" ("id") on delete set null,
      recorded_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, client_id) references clients (org_id, id)
    );
    create index client_conduct_client_idx on client_conduct (org_id, client_id, occurred_at desc, id);

    create function client_conduct_is_append_only() returns trigger language plpgsql as $$
    begin
      -- Erasing a whole organization (a deliberate, documented act) sets this for its transaction.
      if tg_op = 'DELETE' and current_setting('trustledger.erase_organization', true) = old.org_id then
        return old;
      end if;
      -- A user's account going away leaves the observation, without the name.
      if tg_op = 'UPDATE' and new.recorded_by is null and old.recorded_by is not null
         and (new.org_id, new.id, new.client_id, new.aspect, new.direction, new.note, new.occurred_at, new.recorded_at)
             is not distinct from (old.org_id, old.id, old.client_id, old.aspect, old.direction, old.note, old.occurred_at, old.recorded_at) then
        return new;
      end if;
      raise exception 'client conduct is append-only (% refused)', tg_op using errcode = 'P0001';
    end;
    $$;
    create trigger client_conduct_append_only before update or delete on client_conduct
      for each row execute function client_conduct_is_append_only();

    create table trust_self_assessments (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      -- Order of writing: two assessments in the same instant still read back in order.
      seq bigint generated always as identity,
      user_id text not null references "user" ("id") on delete cascade,
      integrity smallint not null check (integrity between 1 and 5),
      intent smallint not null check (intent between 1 and 5),
      capabilities smallint not null check (capabilities between 1 and 5),
      results smallint not null check (results between 1 and 5),
      note text check (note is null or length(note) <= 2000),
      created_at timestamptz not null,
      primary key (org_id, id)
    );
    create index trust_self_assessments_user_idx on trust_self_assessments (org_id, user_id, seq desc);

    create table client_portal_settings (
      org_id text not null references "organization" ("id") on delete cascade,
      client_id uuid not null,
      show_track_record boolean not null default false,
      updated_by text references "user" ("id") on delete set null,
      updated_at timestamptz not null,
      primary key (org_id, client_id),
      foreign key (org_id, client_id) references clients (org_id, id) on delete cascade
    );
  `.execute(db);
}
