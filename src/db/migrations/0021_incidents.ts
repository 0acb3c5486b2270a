import { type Kysely, sql } from "kysely";

/**
 * Errors we made and how we told the clients they touched:
 *
 * - `incidents`: what went wrong, when it was discovered and by whom, how bad,
 *   and what we learnt (root cause, remedy, lesson).
 * - `incident_clients`: one row per affected client. It carries the policy
 *   deadlines worked out when the error was recorded (so the escalation sweep
 *   is one indexed query) and the moments each escalation step was taken
 *   (each step once: a conditional update in the step's own transaction).
 * - `incident_disclosures`: how and when a client was told (one per client).
 * - `incident_non_disclosures`: a proposal not to tell a client, with a reason,
 *   that a second person with lead or admin rights approves.
 * - `incident_settings`: the organization's policy; null means the default
 *   (one working day of the organization's own working hours).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table incidents (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      title text not null check (length(title) between 1 and 300),
      description text check (description is null or length(description) <= 10000),
      discovered_at timestamptz not null,
      found_by text not null check (found_by in ('us', 'client', 'third_party')),
      severity text not null check (severity in ('low', 'medium', 'high', 'critical')),
      root_cause text check (root_cause is null or length(root_cause) <= 10000),
      remedy text check (remedy is null or length(remedy) <= 10000),
      lesson text check (lesson is null or length(lesson) <= 10000),
      recorded_by text references "user" ("id") on delete set null,
      recorded_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (org_id, id)
    );
    create index incidents_discovered_idx on incidents (org_id, discovered_at desc, id);

    create table incident_clients (
      org_id text not null references "organization" ("id") on delete cascade,
      incident_id uuid not null,
      client_id uuid not null,
      disclose_by timestamptz not null,
      admins_by timestamptz not null,
      lead_escalated_at timestamptz,
      admins_escalated_at timestamptz,
      -- Set when the client was told, or when not telling them was approved: the pair is settled.
      settled_at timestamptz,
      primary key (org_id, incident_id, client_id),
      foreign key (org_id, incident_id) references incidents (org_id, id) on delete cascade,
      foreign key (org_id, client_id) references clients (org_id, id)
    );
    create index incident_clients_client_idx on incident_clients (org_id, client_id) where settled_at is null;
    create index incident_clients_lead_due_idx on incident_clients (disclose_by) where settled_at is null and lead_escalated_at is null;
    create index incident_clients_admins_due_idx on incident_clients (admins_by) where settled_at is null and admins_escalated_at is null;

    create table incident_disclosures (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      incident_id uuid not null,
      client_id uuid not null,
      disclosed_at timestamptz not null,
      channel text not null check (channel in ('call', 'meeting', 'email', 'letter', 'portal')),
      message text not null check (length(message) between 1 and 10000),
      working_ms bigint not null check (working_ms >= 0),
      within_policy boolean not null,
      disclosed_by text references "user" ("id") on delete set null,
      recorded_at timestamptz not null,
      primary key (org_id, id),
      unique (org_id, incident_id, client_id),
      foreign key (org_id, incident_id, client_id) references incident_clients (org_id, incident_id, client_id) on delete cascade
    );

    create table incident_non_disclosures (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      incident_id uuid not null,
      client_id uuid not null,
      reason text not null check (length(reason) between 1 and 2000),
      proposed_by text references "user" ("id") on delete set null,
      proposed_at timestamptz not null,
      approved_by text references "user" ("id") on delete set null,
      approved_at timestamptz,
      primary key (org_id, id),
      check (approved_by is null or proposed_by is null or approved_by <> proposed_by),
      foreign key (org_id, incident_id, client_id) references incident_clients (org_id, incident_id, client_id) on delete cascade
    );
    create index incident_non_disclosures_pair_idx on incident_non_disclosures (org_id, incident_id, client_id);

    create table incident_settings (
      org_id text not null references "organization" ("id") on delete cascade primary key,
      disclose_within_hours numeric,
      admins_after_hours numeric,
      updated_by text references "user" ("id") on delete set null,
      updated_at timestamptz not null
    );
  `.execute(db);
}
