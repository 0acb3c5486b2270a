import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { addDaysToInstant } from "../../core/dates.ts";
import { afterFailedAttempt, canSeeSystem, SEND_LIMITS, STALE_CLAIM_MS, sendMayHaveSucceeded } from "../../core/notifications.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { isUuid, newId } from "../../shared/ids.ts";
import type { Logger } from "../../shared/logger.ts";
import type { Mailer } from "./mailer.ts";
import * as repo from "./notifications.repository.ts";
import type {
  Delivery,
  DeliveryList,
  ListDeliveriesQuery,
  ListNotificationsQuery,
  Notification,
  NotificationKind,
  NotificationList,
  NotificationParams,
  SystemStatus,
} from "./notifications.schemas.ts";
import { createSettler } from "./notifications.settler.ts";
import { oneLine, renderNotificationEmail } from "./notifications.templates.ts";

export type { Mailer } from "./mailer.ts";
export { VERIFICATION_KIND } from "./notifications.repository.ts";
export type { NotificationKind } from "./notifications.schemas.ts";

export type NotifyInput = {
  orgId: string;
  userId: string;
  kind: NotificationKind;
  params: NotificationParams;
  /** For the e-mail's text and its dates. */
  language: "nl" | "en";
  timeZone: string;
  /** A second notify with the same (orgId, dedupeKey) does nothing and returns false. */
  dedupeKey: string;
  /** Also queue an e-mail to the user's address. */
  email: boolean;
  /** What it is about, when it is about a commitment. */
  commitmentId?: string | null;
};

export type EmailInput = {
  orgId: string;
  to: string;
  language: "nl" | "en";
  subject: string;
  text: string;
  kind: string;
  /** A second e-mail with the same (orgId, dedupeKey) is not queued; queueEmail returns false. */
  dedupeKey: string;
  /**
   * The person whose action sends it (an invitation, a notice to a client):
   * such e-mail counts against the send limits and is refused while the
   * organization's owner has not confirmed their address. Pass a transaction as
   * `db`, so that the check and the queueing are one step.
   */
  requestedBy?: string;
};

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

/**
 * Tells a person something in the app and, when asked, by e-mail. `db` may be
 * a transaction: the notification and its e-mail are written with whatever
 * caused them, and sent after it committed. True when it was new.
 */
export async function notify(db: Kysely<DB>, clock: Clock, input: NotifyInput): Promise<boolean> {
  const [inserted] = await notifyMany(db, clock, [input]);
  return inserted ?? false;
}

/**
 * `notify` for many at once, in a constant number of statements (the reminder
 * sweep tells hundreds of people per batch). For each input, in order: whether
 * it was new. A notification already there (same dedupe key) sends no e-mail.
 */
export async function notifyMany(db: Kysely<DB>, clock: Clock, inputs: readonly NotifyInput[]): Promise<boolean[]> {
  if (inputs.length === 0) return [];
  const now = clock.now();
  const rows = inputs.map((input) => ({
    org_id: input.orgId,
    id: newId(),
    user_id: input.userId,
    kind: input.kind,
    params: JSON.stringify(input.params),
    commitment_id: input.commitmentId ?? (input.kind.startsWith("commitment.") ? commitmentIdFromLink(input.params.link) : null),
    dedupe_key: input.dedupeKey,
    created_at: now,
  }));
  const insertedIds = await repo.insertNotifications(db, rows);
  const inserted = rows.map((row) => insertedIds.has(row.id));
  const toEmail = inputs.filter((input, i) => inserted[i] && input.email);
  if (toEmail.length === 0) return inserted;
  const users = new Map(
    (
      await repo.findUsers(
        db,
        toEmail.map((input) => input.userId),
      )
    ).map((user) => [user.id, user]),
  );
  const emails: EmailInput[] = [];
  for (const input of toEmail) {
    const user = users.get(input.userId);
    if (!user) continue;
    const { subject, text } = renderNotificationEmail({
      kind: input.kind,
      params: input.params,
      language: input.language,
      timeZone: input.timeZone,
      recipientName: user.name,
    });
    emails.push({
      orgId: input.orgId,
      to: user.email,
      language: input.language,
      subject,
      text,
      kind: input.kind,
      // Its own namespace, so a notification's e-mail never collides with a message queued directly.
      dedupeKey: `notification:${input.dedupeKey}`,
    });
  }
  await queueEmails(db, clock, emails);
  return inserted;
}

const UUID_IN_PATH = /\/commitments\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?#]|$)/i;
function commitmentIdFromLink(link: string): string | null {
  return UUID_IN_PATH.exec(link)?.[1]?.toLowerCase() ?? null;
}

/** Queues an e-mail (to a client, or anyone); `db` may be a transaction. True when it was new. */
export async function queueEmail(db: Kysely<DB>, clock: Clock, input: EmailInput): Promise<boolean> {
  const [queued] = await queueEmails(db, clock, [input]);
  return queued ?? false;
}

/** `queueEmail` for many at once; for each, in order, whether it was new. */
export async function queueEmails(db: Kysely<DB>, clock: Clock, inputs: readonly EmailInput[]): Promise<boolean[]> {
  if (inputs.length === 0) return [];
  const now = clock.now();
  await assertMaySend(db, now, inputs);
  const rows = inputs.map((input) => ({
    org_id: input.orgId,
    id: newId(),
    kind: input.kind,
    to_address: input.to,
    language: input.language,
    subject: oneLine(input.subject),
    body_text: input.text,
    next_attempt_at: now,
    dedupe_key: input.dedupeKey,
    created_at: now,
    requested_by: input.requestedBy ?? null,
  }));
  const queued = await repo.insertDeliveries(db, rows);
  return rows.map((row) => queued.has(row.id));
}

/**
 * E-mail someone sends by hand: refused (403) until the organization's owner
 * has confirmed their e-mail address, and (429) beyond the send limits of the
 * person and the organization, counted over the deliveries every instance
 * shares. Each organization's count is taken under a lock held to the end of
 * the caller's transaction, so two requests at once cannot both slip under it.
 */
async function assertMaySend(db: Kysely<DB>, now: Date, inputs: readonly EmailInput[]): Promise<void> {
  const byOrganization = new Map<string, Map<string, number>>();
  for (const input of inputs) {
    if (!input.requestedBy) continue;
    const users = byOrganization.get(input.orgId) ?? new Map<string, number>();
    users.set(input.requestedBy, (users.get(input.requestedBy) ?? 0) + 1);
    byOrganization.set(input.orgId, users);
  }
  const since = new Date(now.getTime() - SEND_LIMITS.windowMs);
  for (const [orgId, users] of byOrganization) {
    if (!(await repo.organizationMayMail(db, orgId))) throw new AppError("deliveries.owner_unverified", 403);
    await repo.lockOrganizationSends(db, orgId);
    const counts = await repo.countRequestedSince(db, orgId, since);
    let organizationTotal = counts.organization;
    for (const [userId, adding] of users) {
      if ((counts.byUser.get(userId) ?? 0) + adding > SEND_LIMITS.perUser) {
        throw new AppError("deliveries.user_limit", 429, { max: SEND_LIMITS.perUser });
      }
      organizationTotal += adding;
    }
    if (organizationTotal > SEND_LIMITS.perOrganization) {
      throw new AppError("deliveries.organization_limit", 429, { max: SEND_LIMITS.perOrganization });
    }
  }
}

/** Once an address is confirmed, a confirmation e-mail to it that still waits is not sent any more. */
export async function withdrawVerificationEmails(db: Kysely<DB>, toAddress: string): Promise<void> {
  await repo.deleteUnsentVerificationEmails(db, toAddress);
}

export type DeliverDeps = {
  db: Kysely<DB>;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  /** Where outcomes are written; tests hand in one that fails, to prove a failed write never leads to a second send. */
  settler?: Settler;
};
export type DeliverResult = { sent: number; failed: number; retried: number; outbox: number; handedBack: number; uncertain: number };

/** Deliveries claimed per statement: a few rounds of sends, so an instance never sits on many while another idles. */
const CLAIM_BATCH = 50;

/**
 * Sends what is due, at most `limit` (default 500) e-mails in this call.
 * They are claimed a batch per statement, then sent with no transaction open
 * (the embedded database has one connection; an SMTP conversation must not
 * hold it), then each is settled as soon as its send ends: sent, queued again
 * with a backoff, or failed after its last attempt (outcomes that finish
 * together share one write).
 *
 * At most once: a delivery whose send may have succeeded is never sent again
 * by itself. When the write after a successful send fails, when a send fails
 * in a way that leaves open whether the server took the message, and when a
 * claim is left 'sending' for 5 minutes (its instance stopped), the delivery
 * becomes 'uncertain' and an administrator decides on the System page. Every
 * attempt carries the delivery's own Message-ID, so even a resend the
 * administrator asks for is recognisably the same message. A send starts only
 * while its claim is fresh (START_SEND_WITHIN_MS): one that waited too long
 * behind slow sends is handed back untried. Without an SMTP server, what is
 * due goes to the outbox.
 */
export async function deliverDue(deps: DeliverDeps, options: { limit?: number } = {}): Promise<DeliverResult> {
  const result: DeliverResult = { sent: 0, failed: 0, retried: 0, outbox: 0, handedBack: 0, uncertain: 0 };
  const limit = options.limit ?? 500;
  const staleBefore = new Date(deps.clock.now().getTime() - STALE_CLAIM_MS);
  result.uncertain += await repo.markStaleClaimsUncertain(deps.db, staleBefore);
  if (result.uncertain > 0) {
    deps.logger.error(
      { count: result.uncertain },
      "e-mails left 'sending' by a sender that stopped may or may not have gone out: marked uncertain, not resent; an administrator decides on the System page",
    );
  }
  if (deps.mailer.mode === "outbox") {
    result.outbox = await repo.moveDueToOutbox(deps.db, deps.clock.now());
    if (result.outbox > 0) deps.logger.info({ count: result.outbox }, "no SMTP server configured: e-mails moved to the outbox");
    return result;
  }
  const settler = deps.settler ?? createSettler(deps.db);
  let handled = 0;
  while (handled < limit) {
    const claimed = await repo.claimDue(deps.db, deps.clock.now(), Math.min(CLAIM_BATCH, limit - handled));
    if (claimed.length === 0) break;
    handled += claimed.length;
    const stale: repo.ClaimedDelivery[] = [];
    await inParallel(claimed, SEND_CONCURRENCY, async (delivery) => {
      if (deps.clock.now().getTime() - delivery.claimed_at.getTime() > START_SEND_WITHIN_MS) {
        stale.push(delivery);
        return;
      }
      const outcome = await sendOne(deps, settler, delivery);
      result[outcome]++;
    });
    if (stale.length > 0) {
      const claims = stale.map((delivery) => ({ orgId: delivery.org_id, id: delivery.id, claimedAt: delivery.claimed_at }));
      result.handedBack += await repo.releaseClaims(deps.db, claims, deps.clock.now());
      deps.logger.warn({ count: stale.length }, "sending was slow: e-mails waited too long for their turn and were queued again untried");
      // The server is slow: leave the rest for the next run rather than claim more now.
      break;
    }
  }
  return result;
}

type Settler = Pick<ReturnType<typeof createSettler>, "settle">;

/** One claimed delivery: sent, then its outcome written; what became of it. */
async function sendOne(
  deps: DeliverDeps,
  settler: Settler,
  delivery: repo.ClaimedDelivery,
): Promise<"sent" | "retried" | "failed" | "uncertain"> {
  const claim = { orgId: delivery.org_id, id: delivery.id, claimedAt: delivery.claimed_at };
  const log = { deliveryId: delivery.id, orgId: delivery.org_id, attempt: delivery.attempts, maxAttempts: delivery.max_attempts };
  let sendError: unknown;
  let sent = false;
  try {
    await deps.mailer.send({
      to: delivery.to_address,
      subject: delivery.subject,
      text: delivery.body_text,
      language: delivery.language,
      deliveryId: delivery.id,
    });
    sent = true;
  } catch (error) {
    sendError = error;
  }
  // Each write below may fail; none of them is retried by a second send.
  try {
    if (sent) {
      await settler.settle({ ...claim, outcome: { status: "sent", sentAt: deps.clock.now() } });
      return "sent";
    }
    const message = describeError(sendError);
    if (sendMayHaveSucceeded(sendError)) {
      await settler.settle({ ...claim, outcome: { status: "uncertain", error: message } });
      deps.logger.error(
        { ...log, error: message },
        "e-mail send broke off after the message went over: it may have arrived, so it is marked uncertain and not resent; an administrator decides on the System page",
      );
      return "uncertain";
    }
    const next = afterFailedAttempt(delivery.attempts, delivery.max_attempts, deps.clock.now());
    if (next.status === "failed") {
      await settler.settle({ ...claim, outcome: { status: "failed", error: message } });
      deps.logger.error({ ...log, error: message }, "e-mail delivery failed for good; an administrator can retry it on the System page");
      return "failed";
    }
    await settler.settle({ ...claim, outcome: { status: "queued", nextAttemptAt: next.nextAttemptAt, error: message } });
    deps.logger.warn({ ...log, error: message, nextAttemptAt: next.nextAttemptAt.toISOString() }, "e-mail delivery failed; will retry");
    return "retried";
  } catch (writeError) {
    const error = describeError(writeError);
    deps.logger.error(
      { ...log, error, smtpAccepted: sent },
      sent ? "e-mail sent, but recording that failed" : "e-mail attempt failed, and recording that failed too",
    );
    // Whatever the SMTP server did, the row no longer says it: it must not be sent again by itself.
    const note = sent
      ? `The SMTP server accepted this e-mail, but recording that failed (${error}).`
      : `Recording the outcome of this attempt failed (${error}).`;
    try {
      await settler.settle({ ...claim, outcome: { status: "uncertain", error: note } });
    } catch (again) {
      deps.logger.error(
        { ...log, error: describeError(again) },
        "could not mark the e-mail uncertain either; it stays 'sending' and is marked uncertain after 5 minutes",
      );
    }
    return "uncertain";
  }
}

/**
 * E-mails go out a few at a time over pooled SMTP connections: one at a time,
 * a server that greets slowly (many do, on purpose) caps delivery at a few per second.
 */
const SEND_CONCURRENCY = 10;

/**
 * A claim is taken over by another instance after STALE_CLAIM_MS (5 minutes).
 * A send starts only within 2 minutes of its claim, leaving 3 minutes for the
 * SMTP conversation itself (its connection, greeting and socket timeouts are
 * shorter), so a send never starts while another instance may be sending the same e-mail.
 */
const START_SEND_WITHIN_MS = 2 * 60_000;

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 1000);
  const { code, responseCode } = error as Error & { code?: unknown; responseCode?: unknown };
  const prefix = [typeof code === "string" ? code : undefined, typeof responseCode === "number" ? String(responseCode) : undefined]
    .filter(Boolean)
    .join(" ");
  return (prefix ? `${prefix}: ${error.message}` : error.message).slice(0, 1000);
}

/* The bell: one person's notifications. */

type Deps = { db: Kysely<DB>; clock: Clock };

function toNotification(row: {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  commitment_id: string | null;
  created_at: Date;
  read_at: Date | null;
}): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    params: row.params as NotificationParams,
    commitmentId: row.commitment_id,
    createdAt: iso(row.created_at),
    readAt: isoOrNull(row.read_at),
  };
}

export async function listMyNotifications(deps: Pick<Deps, "db">, actor: Actor, query: ListNotificationsQuery): Promise<NotificationList> {
  const rows = await repo.listNotifications(deps.db, actor.orgId, actor.userId, query);
  return { items: rows.map(toNotification), unreadCount: await repo.countUnread(deps.db, actor.orgId, actor.userId) };
}

export async function markRead(deps: Deps, actor: Actor, id: string): Promise<Notification> {
  const row = await repo.markRead(deps.db, actor.orgId, actor.userId, id, deps.clock.now());
  if (!row) throw notFound("notifications.not_found");
  return toNotification(row);
}

export async function markAllRead(deps: Deps, actor: Actor): Promise<{ marked: number }> {
  return { marked: await repo.markAllRead(deps.db, actor.orgId, actor.userId, deps.clock.now()) };
}

/* The System page: administrators only, their organization's deliveries. */

export type SystemDeps = Deps & { cursor: CursorCodec; mailer: Pick<Mailer, "mode">; kickJobs?: (() => unknown) | undefined };

/** The job_runs row of the sweep (see src/jobs): its name is shared with the job runner. */
export const SWEEP_JOB = "sweep";

function toDelivery(row: NonNullable<Awaited<ReturnType<typeof repo.findDelivery>>>): Delivery {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to_address,
    language: row.language,
    subject: row.subject,
    text: row.body_text,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    sentAt: isoOrNull(row.sent_at),
  };
}

export async function systemStatus(deps: SystemDeps, actor: Actor): Promise<SystemStatus> {
  if (!canSeeSystem(actor.role)) throw forbidden();
  const since = addDaysToInstant(deps.clock.now(), -1);
  const sweep = await repo.findJobRun(deps.db, SWEEP_JOB);
  return {
    mail: { mode: deps.mailer.mode },
    lastSweep: sweep
      ? {
          startedAt: isoOrNull(sweep.last_started_at),
          finishedAt: isoOrNull(sweep.last_finished_at),
          okAt: isoOrNull(sweep.last_ok_at),
          error: sweep.last_error,
        }
      : null,
    deliveries: await repo.countDeliveries(deps.db, actor.orgId, since),
  };
}

export async function listDeliveries(deps: SystemDeps, actor: Actor, query: ListDeliveriesQuery): Promise<DeliveryList> {
  if (!canSeeSystem(actor.role)) throw forbidden();
  let after: { createdAt: Date; id: string } | undefined;
  if (query.cursor) {
    // Tagged, so that a cursor of another list (also signed by us) is refused rather than misread.
    const [list, createdAt, id] = deps.cursor.decode(query.cursor, 3);
    const at = new Date(String(createdAt));
    if (list !== "deliveries" || Number.isNaN(at.getTime()) || !isUuid(String(id))) throw new AppError("request.invalid_cursor", 400);
    after = { createdAt: at, id: String(id) };
  }
  const rows = await repo.listDeliveries(deps.db, actor.orgId, { status: query.status, after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > query.limit && last ? deps.cursor.encode(["deliveries", iso(last.created_at), last.id]) : null,
  };
}

/**
 * A failed, outbox or uncertain delivery goes back in the queue with all its
 * attempts, and the sender is woken. For an uncertain one this is the
 * administrator's decision that a possible second copy is better than none.
 */
export async function retryDelivery(deps: SystemDeps, actor: Actor, id: string): Promise<Delivery> {
  if (!canSeeSystem(actor.role)) throw forbidden();
  const row = await repo.requeueDelivery(deps.db, actor.orgId, id, deps.clock.now());
  if (!row) {
    if (await repo.findDelivery(deps.db, actor.orgId, id)) throw conflict("deliveries.not_retryable");
    throw notFound("deliveries.not_found");
  }
  deps.kickJobs?.();
  return toDelivery(row);
}

/** An administrator decides a failed, outbox or uncertain delivery is not to be sent (again). */
export async function dismissDelivery(deps: SystemDeps, actor: Actor, id: string): Promise<Delivery> {
  if (!canSeeSystem(actor.role)) throw forbidden();
  const row = await repo.dismissDelivery(deps.db, actor.orgId, id);
  if (!row) {
    if (await repo.findDelivery(deps.db, actor.orgId, id)) throw conflict("deliveries.not_dismissable");
    throw notFound("deliveries.not_found");
  }
  return toDelivery(row);
}

/* The record of background runs (written by src/jobs, shown on the System page). */

export async function recordJobStart(deps: Deps, name: string): Promise<void> {
  await repo.startJobRun(deps.db, name, deps.clock.now());
}

export async function recordJobFinish(deps: Deps, name: string, error: string | null): Promise<void> {
  await repo.finishJobRun(deps.db, name, deps.clock.now(), error);
}
