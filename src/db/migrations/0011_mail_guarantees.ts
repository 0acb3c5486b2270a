import { type Kysely, sql } from "kysely";

/**
 * E-mail that is never sent twice and never sent for an abuser.
 *
 * - `uncertain`: the SMTP server may have accepted the message but we could not
 *   record it (the write after the send failed, or an instance stopped while
 *   sending). Such a delivery is never resent by itself: an administrator
 *   decides on the System page to send it again or to dismiss it (`dismissed`).
 * - `requested_by`: the person whose action queued the e-mail (an invitation,
 *   a notice to a client), so that per-person send limits count over this
 *   table, which every instance shares. Null for e-mail the app sends itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table deliveries drop constraint deliveries_status_check;
    alter table deliveries add constraint deliveries_status_check
      check (status in ('queued', 'sending', 'sent', 'failed', 'outbox', 'uncertain', 'dismissed'));
    alter table deliveries add column requested_by text;
    -- The send limits: what one organization, and one person in it, queued lately.
    create index deliveries_org_requested_idx on deliveries (org_id, created_at) where requested_by is not null;
  `.execute(db);
}
