import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import {
  completionStatus,
  informedBeforeDue,
  isActive,
  refuseTransition,
  type TransitionRefusal,
  warningTime,
} from "../../core/commitment-lifecycle.ts";
import { addDays } from "../../core/dates.ts";
import { canActOnOthersCommitments } from "../../core/roles.ts";
import { addWorkingDays, localDateOf, zonedTime } from "../../core/working-time.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { newId } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as notifications from "../notifications/notifications.usecases.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as teams from "../teams/teams.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import { commitmentFact, commitmentFactsOf } from "./commitments.events.ts";
import { draftNotice, frameClientNotice } from "./commitments.messages.ts";
import * as repo from "./commitments.repository.ts";
import {
  ACTIVE_STATUSES,
  type Commitment,
  type CommitmentEvent,
  type CommitmentList,
  type CommitmentStatus,
  type CreateCommitmentInput,
  type InformClientInput,
  type ListCommitmentsQuery,
  type NoticeDraft,
  type RenegotiateInput,
} from "./commitments.schemas.ts";

export type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; baseUrl: string };
export type CommitmentSummary = Commitment;

const iso = (value: Date | string) => new Date(value).toISOString();

export function toCommitment(row: repo.CommitmentRow, now: Date): Commitment {
  const active = isActive(row.status);
  const due = new Date(row.due_at);
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    contact: row.contact_id ? { id: row.contact_id, name: row.contact_name ?? "" } : null,
    title: row.title,
    doneWhen: row.done_when,
    owner: { id: row.owner_id, name: row.owner_name },
    source: row.source,
    kind: row.kind,
    slaPolicyId: row.sla_policy_id,
    status: row.status,
    dueAt: iso(row.due_at),
    originalDueAt: iso(row.original_due_at),
    recordedAfterDue: row.recorded_after_due,
    renegotiationCount: row.renegotiation_count,
    overdue: active && due.getTime() < now.getTime(),
    atRisk: active && due.getTime() >= now.getTime() && row.warn_at !== null && new Date(row.warn_at).getTime() <= now.getTime(),
    closedAt: row.closed_at ? iso(row.closed_at) : null,
    createdAt: iso(row.created_at),
    version: row.version,
  };
}

function toEvent(row: Awaited<ReturnType<typeof repo.listEvents>>[number]): CommitmentEvent {
  return {
    id: row.id,
    kind: row.kind,
    at: iso(row.at),
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? "" } : null,
    data: row.data,
  };
}

const refusalCodes = {
  closed: ["commitments.closed", 409],
  client_must_agree: ["commitments.cancel_needs_client_agreement", 400],
  reason_required: ["commitments.reason_required", 400],
  same_due_time: ["commitments.same_due_time", 400],
  due_in_past: ["commitments.due_in_past", 400],
} as const satisfies Record<TransitionRefusal, readonly [string, number]>;

function refuse(refusal: TransitionRefusal): AppError {
  const [code, status] = refusalCodes[refusal];
  return new AppError(code, status);
}

export function commitmentLink(baseUrl: string, id: string): string {
  return `${baseUrl.replace(/\/$/, "")}/commitments/${id}`;
}

export async function getCommitment(deps: Pick<Deps, "db" | "clock">, actor: Actor, id: string): Promise<Commitment> {
  const row = await repo.findCommitment(deps.db, actor.orgId, id);
  if (!row) throw notFound("commitments.not_found");
  const events = await repo.listEvents(deps.db, actor.orgId, id);
  return { ...toCommitment(row, deps.clock.now()), events: events.map(toEvent) };
}

async function requireMember(db: Kysely<DB>, orgId: string, userId: string) {
  if (!(await organizations.isMember({ db }, orgId, userId))) throw new AppError("commitments.owner_not_member", 400);
}

/** When the promise is due: given, in N working hours/days, or per an SLA policy (with the client's override). */
async function resolveDue(deps: Pick<Deps, "db">, actor: Actor, input: CreateCommitmentInput, now: Date, kind: string) {
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  const given = [input.dueAt, input.dueIn, input.slaPolicyId].filter((value) => value !== undefined).length;
  if (given > 1) throw new AppError("commitments.due_ambiguous", 400);
  if (input.dueAt) return { dueAt: new Date(input.dueAt), policy: undefined, time };
  if (input.dueIn)
    return { dueAt: workingTime.addWorkingTime(time.settings, now, input.dueIn.amount, input.dueIn.unit), policy: undefined, time };
  const policy = input.slaPolicyId
    ? await workingTime.findPolicy(deps, actor.orgId, input.slaPolicyId)
    : await workingTime.findDefaultPolicy(deps, actor.orgId, kind);
  if (!policy) throw input.slaPolicyId ? new AppError("sla_policies.not_found", 400) : new AppError("commitments.due_required", 400);
  const duration = await workingTime.policyDuration(deps, actor.orgId, policy, input.clientId);
  return { dueAt: workingTime.addWorkingTime(time.settings, now, duration.amount, duration.unit), policy, time };
}

/**
 * `within` runs inside the same transaction, after the promise and its first
 * event are written: a module that adds its own record (a callback's intake)
 * saves both or neither.
 */
export async function createCommitment(
  deps: Deps,
  actor: Actor,
  input: CreateCommitmentInput,
  within?: (trx: Kysely<DB>, id: string) => Promise<void>,
): Promise<Commitment> {
  const now = deps.clock.now();
  const kind = input.kind ?? "other";
  const id = newId();
  // Joins the caller's transaction when there is one: a callback's new caller becomes a client in the same one.
  await inTransaction(deps.db, async (trx) => {
    const client = await repo.findClientName(trx, actor.orgId, input.clientId);
    if (!client) throw new AppError("clients.not_found", 400);
    if (input.contactId && !(await repo.findContact(trx, actor.orgId, input.clientId, input.contactId))) {
      throw new AppError("commitments.contact_not_of_client", 400);
    }
    await requireMember(trx, actor.orgId, input.ownerId);
    const { dueAt, policy, time } = await resolveDue({ db: trx }, actor, input, now, kind);
    const past = dueAt.getTime() <= now.getTime();
    if (past && input.pastPromise !== true) throw new AppError("commitments.due_in_past_on_create", 400);
    const warnAt = past ? null : warningTime(time.settings, now, dueAt, policy?.warnPercent ?? 75);
    await repo.insertCommitment(trx, {
      org_id: actor.orgId,
      id,
      client_id: input.clientId,
      contact_id: input.contactId ?? null,
      title: input.title,
      done_when: input.doneWhen,
      owner_id: input.ownerId,
      source: input.source,
      kind,
      sla_policy_id: policy?.id ?? null,
      due_at: dueAt,
      original_due_at: dueAt,
      recorded_after_due: past,
      warn_at: warnAt,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const factRow = { id, client_id: input.clientId, kind, title: input.title, owner_id: input.ownerId };
    await recordFact(
      trx,
      factRow,
      event(actor.orgId, id, "created", now, actor.userId, {
        title: input.title,
        doneWhen: input.doneWhen,
        ownerId: input.ownerId,
        dueAt: dueAt.toISOString(),
        source: input.source,
        kind,
        slaPolicyId: policy?.id ?? null,
        recordedAfterDue: past,
      }),
    );
    if (input.outcome) await closeFromHistory(trx, actor, factRow, dueAt, now, input);
    if (input.ownerId !== actor.userId) {
      await notifications.notify(trx, deps.clock, {
        orgId: actor.orgId,
        userId: input.ownerId,
        kind: "commitment.assigned",
        params: { title: input.title, clientName: client.name, dueAt: dueAt.toISOString(), link: commitmentLink(deps.baseUrl, id) },
        language: time.language,
        timeZone: time.settings.timeZone,
        dedupeKey: `assigned:${id}:${input.ownerId}`,
        email: true,
      });
    }
    if (within) await within(trx, id);
  });
  return getCommitment(deps, actor, id);
}

/**
 * History brought in: a promise recorded after the fact with its real outcome
 * and closing time. It closes at that time, its facts carry that time and the
 * flag "recorded afterwards", so evidence and figures date it when it happened.
 */
async function closeFromHistory(
  trx: Kysely<DB>,
  actor: Actor,
  row: FactRow,
  dueAt: Date,
  now: Date,
  input: Pick<CreateCommitmentInput, "outcome" | "closedAt" | "pastPromise">,
) {
  if (input.pastPromise !== true) throw new AppError("commitments.outcome_needs_past_promise", 400);
  if (!input.closedAt) throw new AppError("commitments.outcome_needs_closed_at", 400);
  const closedAt = new Date(input.closedAt);
  if (closedAt.getTime() > now.getTime()) throw new AppError("commitments.closed_at_in_future", 400);
  const late = closedAt.getTime() > dueAt.getTime();
  if (input.outcome === "kept" && late) throw new AppError("commitments.kept_after_due", 400);
  if (input.outcome === "kept_late" && !late) throw new AppError("commitments.kept_late_before_due", 400);
  const status = input.outcome ?? "kept";
  await repo.updateCommitment(trx, actor.orgId, row.id, { status, closed_at: closedAt, updated_at: now });
  const common = { dueAt: dueAt.toISOString(), recordedAfterwards: true };
  const kind = status === "kept" || status === "kept_late" ? "completed" : status;
  const data =
    kind === "completed"
      ? { ...common, status, onTime: status === "kept" }
      : kind === "cancelled"
        ? { ...common, reason: "recorded afterwards", clientAgreed: true }
        : { ...common, reason: "recorded afterwards", clientInformed: false };
  await recordFact(trx, row, event(actor.orgId, row.id, kind, closedAt, actor.userId, data));
}

export async function listCommitments(deps: Deps, actor: Actor, query: ListCommitmentsQuery): Promise<CommitmentList> {
  const statuses: readonly CommitmentStatus[] | undefined =
    query.state === "active"
      ? ACTIVE_STATUSES.filter((s) => !query.status || query.status.includes(s))
      : query.state === "closed"
        ? (["kept", "kept_late", "broken", "cancelled"] as const).filter((s) => !query.status || query.status.includes(s))
        : query.status;
  if (statuses && statuses.length === 0) return { items: [], nextCursor: null };
  let after: { dueAt: Date; id: string } | undefined;
  if (query.cursor) {
    const [dueAt, id] = deps.cursor.decode(query.cursor, 2);
    const parsed = new Date(String(dueAt));
    if (Number.isNaN(parsed.getTime()) || typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) {
      throw new AppError("request.invalid_cursor", 400);
    }
    after = { dueAt: parsed, id };
  }
  const now = deps.clock.now();
  const rows = await repo.listCommitments(deps.db, actor.orgId, {
    clientId: query.clientId,
    ownerId: query.ownerId === "me" ? actor.userId : query.ownerId,
    ownerIds: query.teamId ? await teamMemberIds(deps, actor, query.teamId) : undefined,
    statuses,
    closed: await closedPeriod(deps, actor.orgId, query),
    activeDueBefore: query.overdue ? now : undefined,
    order: query.order,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toCommitment(row, now)),
    nextCursor: rows.length > query.limit && last ? deps.cursor.encode([iso(last.due_at), last.id]) : null,
  };
}

async function teamMemberIds(deps: Deps, actor: Actor, teamId: string): Promise<string[]> {
  const team = (await teams.listTeams(deps, actor)).find((candidate) => candidate.id === teamId);
  if (!team) throw new AppError("teams.not_found", 400);
  return team.memberIds;
}

/**
 * Closed between two calendar days of the organization (both included), as
 * instants: the same days the reliability figures count a promise under.
 */
async function closedPeriod(deps: Deps, orgId: string, query: ListCommitmentsQuery) {
  if (!query.closedFrom && !query.closedTo) return undefined;
  if (query.closedFrom && query.closedTo && query.closedTo < query.closedFrom) throw new AppError("reliability.invalid_period", 400);
  const zone = (await workingTime.loadOrganizationTime(deps, orgId)).settings.timeZone;
  return {
    from: query.closedFrom ? zonedTime(zone, query.closedFrom, "00:00") : new Date(0),
    to: query.closedTo ? zonedTime(zone, addDays(query.closedTo, 1), "00:00") : new Date(8.64e15),
  };
}

/**
 * Runs one change of a promise: locks the row (concurrent changes queue up),
 * checks the version the caller read, the actor's right and the lifecycle
 * rule, then writes the new state and its event in one transaction.
 */
async function change(
  deps: Deps,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  work: (trx: Kysely<DB>, row: repo.LockedCommitment, now: Date) => Promise<void>,
): Promise<Commitment> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockCommitment(trx, actor.orgId, id);
    if (!row) throw notFound("commitments.not_found");
    if (row.owner_id !== actor.userId && !canActOnOthersCommitments(actor.role)) throw forbidden("commitments.not_yours");
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw conflict("commitments.version_conflict");
    await work(trx, row, deps.clock.now());
  });
  return getCommitment(deps, actor, id);
}

function event(orgId: string, commitmentId: string, kind: string, at: Date, actorId: string | null, data: Record<string, unknown>) {
  return { org_id: orgId, id: newId(), commitment_id: commitmentId, kind, at, actor_id: actorId, data };
}

type EventRow = ReturnType<typeof event>;
type FactRow = { id: string; client_id: string; kind: string; title: string; owner_id: string };

/** Writes one history event and publishes it as a fact for the rest of the app, in the same transaction. */
async function recordFact(trx: Kysely<DB>, row: FactRow, written: EventRow, undoesEventId?: string) {
  await repo.insertEvent(trx, written);
  const fact = commitmentFact(written.org_id, row, written, { ownerId: row.owner_id, undoesEventId });
  if (fact) await domainEvents.publish(trx, fact);
}

/**
 * Records the facts of every promise of the organization again, as they were
 * published when they happened (same ids, so nothing counts twice), in bulk and
 * without the consumers: for the evidence backfill of history written before
 * facts existed, which rebuilds the ledger from all facts right after.
 */
export async function republishFacts(db: Kysely<DB>, orgId: string): Promise<number> {
  let published = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await repo.listForRepublish(db, orgId, after, 500);
    if (batch.length === 0) return published;
    await inTransaction(db, async (trx) => {
      const histories = await repo.listHistories(
        trx,
        orgId,
        batch.map((row) => row.id),
      );
      const facts = batch.flatMap((row) => commitmentFactsOf(orgId, row, histories.get(row.id) ?? []));
      published += await domainEvents.recordPastFacts(trx, facts);
    });
    after = batch[batch.length - 1]?.id;
  }
}

/**
 * Done: kept, or kept late. `answer` (what the client was told, for a
 * callback) goes into the history; `alongside` writes what the caller keeps
 * of its own in the same transaction, so the two are saved together or not at all.
 */
export async function completeCommitment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { version?: number | undefined; answer?: string | undefined },
  alongside?: (trx: Kysely<DB>, now: Date) => Promise<void>,
) {
  return change(deps, actor, id, input.version, async (trx, row, now) => {
    const refusal = refuseTransition(row.status, "complete");
    if (refusal) throw refuse(refusal);
    const status = completionStatus(now, new Date(row.due_at));
    await repo.updateCommitment(trx, actor.orgId, id, { status, closed_at: now, updated_at: now });
    await recordFact(
      trx,
      row,
      event(actor.orgId, id, "completed", now, actor.userId, {
        status,
        dueAt: iso(row.due_at),
        onTime: status === "kept",
        ...(input.answer && { answer: input.answer }),
      }),
    );
    await alongside?.(trx, now);
  });
}

/** How long after closing a promise it can still be reopened (an undo of "Mark done"). */
export const REOPEN_WINDOW_MS = 2 * 60_000;

/**
 * Undo of closing: shortly after it was closed, whoever closed it (or a lead
 * or administrator) puts it back to be done. The closing stays in the history
 * and a "reopened" event follows it: history is never edited. The database
 * takes it out of the reliability tally again (migration 0013).
 */
export async function reopenCommitment(deps: Deps, actor: Actor, id: string, input: { reason?: "undo"; version?: number | undefined }) {
  return change(deps, actor, id, input.version, async (trx, row, now) => {
    if (isActive(row.status) || !row.closed_at) throw conflict("commitments.not_closed");
    const closing = await repo.lastClosingEvent(trx, actor.orgId, id);
    if (closing?.actor_id !== actor.userId && !canActOnOthersCommitments(actor.role)) throw forbidden("commitments.reopen_not_yours");
    if (now.getTime() - new Date(row.closed_at).getTime() > REOPEN_WINDOW_MS) {
      throw new AppError("commitments.reopen_too_late", 409, { minutes: REOPEN_WINDOW_MS / 60_000 });
    }
    const status = row.renegotiation_count > 0 ? "renegotiated" : "open";
    await repo.updateCommitment(trx, actor.orgId, id, { status, closed_at: null, updated_at: now });
    await recordFact(
      trx,
      row,
      event(actor.orgId, id, "reopened", now, actor.userId, {
        reason: input.reason ?? "undo",
        fromStatus: row.status,
        closedAt: iso(row.closed_at),
        status,
      }),
      closing?.id,
    );
  });
}

async function renegotiateWithin(
  trx: Kysely<DB>,
  actor: Actor,
  row: repo.LockedCommitment,
  now: Date,
  input: { dueAt: string; reason: string; clientInformed: boolean },
  extra: Record<string, unknown> = {},
) {
  const newDueAt = new Date(input.dueAt);
  const oldDueAt = new Date(row.due_at);
  const refusal = refuseTransition(row.status, "renegotiate", { reason: input.reason, newDueAt, currentDueAt: oldDueAt, now });
  if (refusal) throw refuse(refusal);
  const time = await workingTime.loadOrganizationTime({ db: trx }, actor.orgId);
  const policy = row.sla_policy_id ? await workingTime.findPolicy({ db: trx }, actor.orgId, row.sla_policy_id) : undefined;
  const toldInTime = informedBeforeDue(input.clientInformed, now, oldDueAt);
  await repo.updateCommitment(
    trx,
    actor.orgId,
    row.id,
    {
      status: "renegotiated",
      due_at: newDueAt,
      // A new due time starts a new warning and escalation cycle.
      warn_at: warningTime(time.settings, now, newDueAt, policy?.warnPercent ?? 75),
      warned_at: null,
      escalated_at: null,
      updated_at: now,
    },
    { renegotiated: { informedBeforeDue: toldInTime } },
  );
  await recordFact(
    trx,
    row,
    event(actor.orgId, row.id, "renegotiated", now, actor.userId, {
      fromDueAt: oldDueAt.toISOString(),
      toDueAt: newDueAt.toISOString(),
      reason: input.reason,
      clientInformed: input.clientInformed,
      informedBeforeDue: toldInTime,
      ...extra,
    }),
  );
}

export async function renegotiateCommitment(deps: Deps, actor: Actor, id: string, input: RenegotiateInput) {
  return change(deps, actor, id, input.version, (trx, row, now) => renegotiateWithin(trx, actor, row, now, input));
}

export async function breakCommitment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reason: string; clientInformed?: boolean | undefined; version?: number | undefined },
) {
  return change(deps, actor, id, input.version, async (trx, row, now) => {
    const refusal = refuseTransition(row.status, "break", { reason: input.reason });
    if (refusal) throw refuse(refusal);
    await repo.updateCommitment(trx, actor.orgId, id, { status: "broken", closed_at: now, updated_at: now });
    await recordFact(
      trx,
      row,
      event(actor.orgId, id, "broken", now, actor.userId, {
        reason: input.reason,
        dueAt: iso(row.due_at),
        clientInformed: input.clientInformed === true,
      }),
    );
  });
}

export async function cancelCommitment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reason: string; clientAgreed: boolean; version?: number | undefined },
) {
  return change(deps, actor, id, input.version, async (trx, row, now) => {
    const refusal = refuseTransition(row.status, "cancel", { reason: input.reason, clientAgreed: input.clientAgreed });
    if (refusal) throw refuse(refusal);
    await repo.updateCommitment(trx, actor.orgId, id, { status: "cancelled", closed_at: now, updated_at: now });
    await recordFact(trx, row, event(actor.orgId, id, "cancelled", now, actor.userId, { reason: input.reason, clientAgreed: true }));
  });
}

export async function reassignCommitment(deps: Deps, actor: Actor, id: string, input: { ownerId: string; version?: number | undefined }) {
  return change(deps, actor, id, input.version, async (trx, row, now) => {
    if (!isActive(row.status)) throw refuse("closed");
    if (row.owner_id === input.ownerId) return;
    await requireMember(trx, actor.orgId, input.ownerId);
    await repo.updateCommitment(trx, actor.orgId, id, { owner_id: input.ownerId, updated_at: now });
    await repo.insertEvent(
      trx,
      event(actor.orgId, id, "reassigned", now, actor.userId, { fromOwnerId: row.owner_id, toOwnerId: input.ownerId }),
    );
    const client = await repo.findClientName(trx, actor.orgId, row.client_id);
    const time = await workingTime.loadOrganizationTime({ db: trx }, actor.orgId);
    if (input.ownerId !== actor.userId) {
      await notifications.notify(trx, deps.clock, {
        orgId: actor.orgId,
        userId: input.ownerId,
        kind: "commitment.assigned",
        params: { title: row.title, clientName: client?.name ?? "", dueAt: iso(row.due_at), link: commitmentLink(deps.baseUrl, id) },
        language: time.language,
        timeZone: time.settings.timeZone,
        dedupeKey: `assigned:${id}:${input.ownerId}:${row.version}`,
        email: true,
      });
    }
  });
}

async function noticeRecipient(db: Kysely<DB>, orgId: string, clientId: string, contactId: string | null) {
  const named = contactId ? await repo.findContact(db, orgId, clientId, contactId) : undefined;
  return named ?? (await repo.firstContactWithEmail(db, orgId, clientId));
}

/** The message to send the client before the promise slips, drafted in their language. */
export async function draftClientNotice(
  deps: Deps,
  actor: Actor,
  id: string,
  query: { dueAt?: string | undefined; language?: "nl" | "en" | undefined },
): Promise<NoticeDraft> {
  const commitment = await getCommitment(deps, actor, id);
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  const language = query.language ?? time.language;
  const oldDueAt = new Date(commitment.dueAt);
  // Default proposal: one working day after the old due time, or after now when that has passed already.
  const base = new Date(Math.max(oldDueAt.getTime(), deps.clock.now().getTime()));
  const newDueAt = query.dueAt ? new Date(query.dueAt) : addWorkingDays(time.settings, base, 1);
  const recipient = await noticeRecipient(deps.db, actor.orgId, commitment.clientId, commitment.contact?.id ?? null);
  const organization = await deps.db.selectFrom("organization").select("name").where("id", "=", actor.orgId).executeTakeFirst();
  const draft = draftNotice({
    language,
    timeZone: time.settings.timeZone,
    contactName: recipient?.name ?? null,
    ownerName: commitment.owner.name,
    organizationName: organization?.name ?? "",
    title: commitment.title,
    oldDueAt,
    newDueAt,
  });
  return {
    to: recipient ? { name: recipient.name, email: recipient.email } : null,
    language,
    ...draft,
    dueAt: newDueAt.toISOString(),
  };
}

/** Sends the client the notice and records the renegotiation with notice, in one transaction. */
export async function informClient(deps: Deps, actor: Actor, id: string, input: InformClientInput) {
  return change(deps, actor, id, input.version, async (trx, row, now) => {
    const recipient = await noticeRecipient(trx, actor.orgId, row.client_id, row.contact_id);
    if (!recipient?.email) throw new AppError("commitments.no_client_email", 400);
    await renegotiateWithin(
      trx,
      actor,
      row,
      now,
      { dueAt: input.dueAt, reason: input.reason, clientInformed: true },
      { noticeSentTo: recipient.email },
    );
    const { sender, organization } = await repo.findNoticeSender(trx, actor.orgId, actor.userId);
    const framed = frameClientNotice({
      language: input.language,
      organizationName: organization?.name ?? "",
      senderName: sender?.name ?? "",
      senderEmail: sender?.email ?? "",
      subject: input.subject,
      text: input.text,
    });
    await notifications.queueEmail(trx, deps.clock, {
      orgId: actor.orgId,
      to: recipient.email,
      language: input.language,
      subject: framed.subject,
      text: framed.text,
      kind: "commitment.client_notice",
      dedupeKey: `notice:${id}:${row.version}`,
      requestedBy: actor.userId,
    });
    await repo.insertEvent(
      trx,
      event(actor.orgId, id, "client_informed", now, actor.userId, {
        to: recipient.email,
        subject: input.subject,
        language: input.language,
      }),
    );
  });
}

export async function assertOwnerInOrganization(deps: Pick<Deps, "db">, orgId: string, userId: string) {
  await requireMember(deps.db, orgId, userId);
}

/** Today in the organization's time zone, for "due today" and "this week". */
export async function organizationToday(deps: Pick<Deps, "db" | "clock">, orgId: string) {
  const time = await workingTime.loadOrganizationTime(deps, orgId);
  return { time, today: localDateOf(time.settings, deps.clock.now()) };
}

/** One owner's open promises, for their calendar feed. */
export async function listOpenForCalendar(deps: Pick<Deps, "db" | "clock">, actor: Actor, limit: number): Promise<Commitment[]> {
  const now = deps.clock.now();
  return (await repo.listOpenForOwner(deps.db, actor.orgId, actor.userId, limit)).map((row) => toCommitment(row, now));
}

/**
 * Appends an event to a promise's history, inside the caller's transaction (other modules' steps: callback attempts).
 * `at` comes from the caller's injected clock, so tests and replays control the history's times.
 */
export async function recordEvent(trx: Kysely<DB>, actor: Actor, id: string, kind: string, data: Record<string, unknown>, at: Date) {
  await repo.insertEvent(trx, event(actor.orgId, id, kind, at, actor.userId, data));
}

/** The same for a step nobody took by hand (the callback sweep): the history names no person. */
export async function recordSystemEvent(trx: Kysely<DB>, orgId: string, id: string, kind: string, data: Record<string, unknown>, at: Date) {
  await repo.insertEvent(trx, event(orgId, id, kind, at, null, data));
}

/**
 * Locks a promise for a step another module takes in its own transaction (a
 * callback accepted, attempted or rerouted): steps on one promise queue up,
 * always promise first, then the module's own row. Undefined when not found.
 */
export async function lockForStep(trx: Kysely<DB>, orgId: string, id: string) {
  return repo.lockCommitment(trx, orgId, id);
}

/**
 * Hands an active promise to someone else inside the caller's transaction
 * (after `lockForStep`): a callback rerouted by the sweep or taken on from My
 * day. One event, of the caller's kind, names from whom and to whom; `by` is
 * null when nobody did it by hand. The new owner is told, in the same transaction.
 */
export async function handOverWithin(
  trx: Kysely<DB>,
  deps: Pick<Deps, "clock" | "baseUrl">,
  orgId: string,
  id: string,
  input: { ownerId: string; by: string | null; eventKind: string; data: Record<string, unknown>; tellOwner: boolean; at: Date },
): Promise<{ fromOwnerId: string }> {
  const row = await repo.lockCommitment(trx, orgId, id);
  if (!row) throw notFound("commitments.not_found");
  if (!isActive(row.status)) throw refuse("closed");
  await requireMember(trx, orgId, input.ownerId);
  if (row.owner_id !== input.ownerId) {
    await repo.updateCommitment(trx, orgId, id, { owner_id: input.ownerId, updated_at: input.at });
  }
  await repo.insertEvent(
    trx,
    event(orgId, id, input.eventKind, input.at, input.by, { fromOwnerId: row.owner_id, toOwnerId: input.ownerId, ...input.data }),
  );
  if (input.tellOwner && input.ownerId !== input.by && input.ownerId !== row.owner_id) {
    const client = await repo.findClientName(trx, orgId, row.client_id);
    const time = await workingTime.loadOrganizationTime({ db: trx }, orgId);
    await notifications.notify(trx, deps.clock, {
      orgId,
      userId: input.ownerId,
      kind: "commitment.assigned",
      params: { title: row.title, clientName: client?.name ?? "", dueAt: iso(row.due_at), link: commitmentLink(deps.baseUrl, id) },
      language: time.language,
      timeZone: time.settings.timeZone,
      dedupeKey: `assigned:${id}:${input.ownerId}:${row.version}`,
      email: true,
    });
  }
  return { fromOwnerId: row.owner_id };
}

/** Everyone who has held this promise (it was made for them or handed to them): a callback is not routed back to them. */
export async function previousOwners(deps: Pick<Deps, "db">, orgId: string, id: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const { kind, data } of await repo.listEvents(deps.db, orgId, id)) {
    if (!["created", "reassigned", "rerouted", "accepted"].includes(kind)) continue;
    for (const key of ["ownerId", "fromOwnerId", "toOwnerId"]) {
      const value = data[key];
      if (typeof value === "string") ids.add(value);
    }
  }
  return [...ids];
}

export type ClosedOutcome = "kept" | "kept_late" | "broken" | "cancelled";
export type TrackRecord = {
  counts: { keptOnTime: number; keptLate: number; renegotiatedWithNotice: number; broken: number; cancelledWithAgreement: number };
  items: Array<{ title: string; dueAt: string; closedAt: string; outcome: ClosedOutcome; renegotiatedWithNotice: boolean }>;
};

/**
 * How we kept our promises to one contact of a client (and to the client as a
 * whole) that closed since `since`: counts by outcome and the closed promises
 * themselves, with nothing but title, due time, closing time and outcome — no
 * notes, reasons, owners or evidence. For the client portal's track record.
 * A cancelled promise always had the client's agreement (core/commitment-lifecycle.ts).
 */
export async function trackRecordFor(
  deps: Pick<Deps, "db">,
  orgId: string,
  clientId: string,
  contactId: string,
  since: Date,
  limit = 200,
): Promise<TrackRecord> {
  const [counts, rows] = await Promise.all([
    repo.countClosedForContact(deps.db, orgId, clientId, contactId, since),
    repo.listClosedForContact(deps.db, orgId, clientId, contactId, since, limit),
  ]);
  return {
    counts: {
      keptOnTime: counts.kept,
      keptLate: counts.kept_late,
      renegotiatedWithNotice: counts.renegotiated_with_notice,
      broken: counts.broken,
      cancelledWithAgreement: counts.cancelled,
    },
    items: rows.map((row) => ({
      title: row.title,
      dueAt: iso(row.due_at),
      closedAt: iso(row.closed_at ?? row.due_at),
      outcome: row.status as ClosedOutcome,
      renegotiatedWithNotice: row.renegotiated_with_notice,
    })),
  };
}
