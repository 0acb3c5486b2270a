import { type Kysely, sql } from "kysely";

/**
 * Interactions (calls, meetings, e-mails, notes, portal messages with a
 * client) and full-text search over them and over clients, contacts and
 * commitments.
 *
 * Interactions are append-only, like commitment history: what was said is
 * evidence, so a correction is a new note, never an edit. The only changes a
 * trigger lets through are the references the database itself clears: a
 * deleted contact or user leaves the interaction without them.
 *
 * Search: three text search configurations read every text — Dutch and
 * English stemming ("offertes"/"offerte", "called"/"calls") and a plain one
 * that keeps whole words (prefixes while typing) — each with `unaccent` first
 * ("Cecile" finds "Cécile"). Accents are removed inside the configurations
 * rather than by calling unaccent() around the text: to_tsvector with a fixed
 * configuration is immutable (usable in a generated column), and ts_headline
 * with the same configuration marks the words in the original, accented text.
 * Each searchable row carries a generated `search_vector` (its title weighted
 * A, the rest B) with a GIN index; the queries live in
 * src/modules/search/search.repository.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists unaccent;

    -- The plain configuration drops Dutch and English stop words ("de", "the"), keeps other words whole.
    create text search dictionary trustledger_stop_nl (template = simple, stopwords = dutch, accept = false);
    create text search dictionary trustledger_stop_en (template = simple, stopwords = english);

    create text search configuration trustledger_nl (copy = dutch);
    alter text search configuration trustledger_nl
      alter mapping for hword, hword_part, word with unaccent, dutch_stem;
    create text search configuration trustledger_en (copy = english);
    alter text search configuration trustledger_en
      alter mapping for hword, hword_part, word with unaccent, english_stem;
    create text search configuration trustledger_plain (copy = simple);
    alter text search configuration trustledger_plain
      alter mapping for asciiword, asciihword, hword_asciipart, hword, hword_part, word
      with unaccent, trustledger_stop_nl, trustledger_stop_en;

    -- What search finds a row by: its title (weight A) and its other text (weight B), in all three configurations.
    create function trustledger_search_vector(title text, other text) returns tsvector
      language sql immutable parallel safe as $fn$
      select setweight(to_tsvector('trustledger_nl'::regconfig, coalesce(title, '')), 'A')
          || setweight(to_tsvector('trustledger_en'::regconfig, coalesce(title, '')), 'A')
          || setweight(to_tsvector('trustledger_plain'::regconfig, coalesce(title, '')), 'A')
          || setweight(to_tsvector('trustledger_nl'::regconfig, coalesce(other, '')), 'B')
          || setweight(to_tsvector('trustledger_en'::regconfig, coalesce(other, '')), 'B')
          || setweight(to_tsvector('trustledger_plain'::regconfig, coalesce(other, '')), 'B')
    $fn$;

    create table interactions (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      client_id uuid not null,
      contact_id uuid,
      kind text not null check (kind in ('call', 'meeting', 'email', 'note', 'portal')),
      direction text not null check (direction in ('inbound', 'outbound', 'internal')),
      initiated_by text not null check (initiated_by in ('client', 'us')),
      occurred_at timestamptz not null,
      summary text not null check (char_length(summary) between 1 and 300),
      body text check (char_length(body) <= 100000),
      client_raised_problem boolean not null default false,
      client_invitation boolean not null default false,
      logged_by text references "user" ("id") on delete set null,
      created_at timestamptz not null default now(),
      search_vector tsvector generated always as (trustledger_search_vector(summary, body)) stored,
      primary key (org_id, id),
      foreign key (org_id, client_id) references clients (org_id, id),
      foreign key (org_id, contact_id) references contacts (org_id, id) on delete set null (contact_id)
    );
    -- A client's interactions, newest first.
    create index interactions_client_idx on interactions (org_id, client_id, occurred_at desc, id desc);
    create index interactions_search_idx on interactions using gin (search_vector);

    create function interactions_are_append_only() returns trigger language plpgsql as $$
    begin
      -- Erasing a whole organization (a deliberate, documented act) sets this for its transaction.
      if tg_op = 'DELETE' and current_setting('trustledger.erase_organization', true) = old.org_id then
        return old;
      end if;
      -- The database clearing a reference to a deleted contact or user; nothing else changes.
      if tg_op = 'UPDATE'
         and (new.contact_id is null or new.contact_id = old.contact_id)
         and (new.logged_by is null or new.logged_by = old.logged_by)
         and (to_jsonb(new) - 'contact_id' - 'logged_by' - 'search_vector') = (to_jsonb(old) - 'contact_id' - 'logged_by' - 'search_vector') then
        return new;
      end if;
      raise exception 'interactions are append-only (% refused)', tg_op using errcode = 'P0001';
    end;
    $$;
    create trigger interactions_append_only before update or delete on interactions
      for each row execute function interactions_are_append_only();

    alter table clients add column search_vector tsvector
      generated always as (trustledger_search_vector(name, notes)) stored;
    create index clients_search_vector_idx on clients using gin (search_vector);

    -- An e-mail address is also read as its parts, so "jansen" finds jan@jansen.example.
    alter table contacts add column search_vector tsvector
      generated always as (trustledger_search_vector(
        name, coalesce(role, '') || ' ' || coalesce(email, '') || ' ' || translate(coalesce(email, ''), '@.', '  '))) stored;
    create index contacts_search_vector_idx on contacts using gin (search_vector);

    alter table commitments add column search_vector tsvector
      generated always as (trustledger_search_vector(title, done_when)) stored;
    create index commitments_search_vector_idx on commitments using gin (search_vector);
  `.execute(db);
}
