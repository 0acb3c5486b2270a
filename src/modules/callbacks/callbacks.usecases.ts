import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { canActOnOthersCommitments } from "../../core/roles.ts";
import { topicMatches } from "../../core/topic-match.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { createClientBody, createContactBody } from "../clients/clients.schemas.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import * as notifications from "../notifications/notifications.usecases.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import { callbackSentence, confirmationEmail } from "./callbacks.messages.ts";
import * as repo from "./callbacks.repository.ts";
import type { Callback, CallbackPreview, CallbackPreviewQuery, CreateCallbackInput, RoutingReason } from "./callbacks.schemas.ts";

export type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; baseUrl: string };
type Expert = CallbackPreview["experts"][number];

const FALLBACK_HOURS = 4;
const MAX_EXPERTS = 20;
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export type Routing = { experts: Expert[]; expert: Expert | null; routedToLead: boolean; reason: RoutingReason };

/**
 * Who knows the topic, best match (most of their topics matching) first.
 * Matching ignores case, accents and simple plurals (core/topic-match.ts), so
 * "Btw-aangiftes" finds the colleague who listed "btw-aangifte".
 */
async function expertsFor(deps: Pick<Deps, "db" | "clock">, actor: Actor, topic: string, waiting: Map<string, number>) {
  const members = await organizations.listMembers(deps, actor);
  return members
    .filter((m) => m.role !== "frontdesk")
    .map((m) => ({ member: m, topics: m.expertise.filter((listed) => topicMatches(topic, listed)) }))
    .filter(({ topics }) => topics.length > 0)
    .sort((a, b) => b.topics.length - a.topics.length || a.member.name.localeCompare(b.member.name))
    .slice(0, MAX_EXPERTS)
    .map(({ member, topics }) => ({ id: member.id, name: member.name, role: member.role, topics, waiting: waiting.get(member.id) ?? 0 }));
}

/**
 * Who calls back: among those who know the topic (best match first), the one
 * with the fewest callbacks waiting; nobody knows it → a team lead (then an
 * administrator), again the least busy. `excluding`: who already had it.
 * `reason` says which of these happened, for the callback's history.
 */
export async function chooseExpert(
  deps: Pick<Deps, "db" | "clock">,
  actor: Actor,
  topic: string | undefined,
  excluding: string[] = [],
): Promise<Routing> {
  const waiting = await repo.waitingPerOwner(deps.db, actor.orgId);
  const experts = topic ? await expertsFor(deps, actor, topic, waiting) : [];
  const available = experts.filter((e) => !excluding.includes(e.id));
  const leastBusy = (list: Expert[]) => [...list].sort((a, b) => a.waiting - b.waiting)[0] ?? null;
  if (available.length > 0) return { experts, expert: leastBusy(available), routedToLead: false, reason: "knows_topic" };
  const reason: RoutingReason = !topic ? "no_topic" : experts.length === 0 ? "nobody_knows_topic" : "experts_all_had_it";
  for (const role of ["lead", "admin"]) {
    const people = (await repo.membersWithRole(deps.db, actor.orgId, role))
      .filter((m) => !excluding.includes(m.id))
      .map((m) => ({ id: m.id, name: m.name, role: m.role, topics: [], waiting: waiting.get(m.id) ?? 0 }));
    if (people.length > 0) return { experts, expert: leastBusy(people), routedToLead: true, reason };
  }
  return { experts, expert: null, routedToLead: true, reason };
}

/** The promised callback time: the organization's default callback SLA (with the client's agreement), on working time. */
async function callbackDue(deps: Pick<Deps, "db">, orgId: string, clientId: string | undefined, now: Date) {
  const time = await workingTime.loadOrganizationTime(deps, orgId);
  const policy = await workingTime.findDefaultPolicy(deps, orgId, "callback");
  const duration = policy
    ? await workingTime.policyDuration(deps, orgId, policy, clientId)
    : { amount: FALLBACK_HOURS, unit: "working_hours" as const };
  return { time, policy, dueAt: workingTime.addWorkingTime(time.settings, now, duration.amount, duration.unit) };
}

async function expertById(deps: Pick<Deps, "db" | "clock">, actor: Actor, id: string): Promise<Expert> {
  const member = (await organizations.listMembers(deps, actor)).find((m) => m.id === id);
  if (!member) throw new AppError("callbacks.expert_not_member", 400);
  const waiting = await repo.waitingPerOwner(deps.db, actor.orgId);
  return { id: member.id, name: member.name, role: member.role, topics: member.expertise, waiting: waiting.get(member.id) ?? 0 };
}

/** Everything the intake screen shows while the caller is on the line. */
export async function previewCallback(deps: Deps, actor: Actor, query: CallbackPreviewQuery): Promise<CallbackPreview> {
  const now = deps.clock.now();
  const routing = query.expertId
    ? { experts: [], expert: await expertById(deps, actor, query.expertId), routedToLead: false, reason: "chosen" as const }
    : await chooseExpert(deps, actor, query.topic);
  const { time, dueAt } = await callbackDue(deps, actor.orgId, query.clientId, now);
  const language = query.language ?? time.language;
  let context: CallbackPreview["context"] = null;
  if (query.clientId) {
    const client = await clients.getClient(deps, actor, query.clientId);
    const open = await commitments.listCommitments(deps, actor, {
      clientId: query.clientId,
      status: undefined,
      state: "active",
      order: "due_asc",
      limit: 5,
    });
    context = {
      clientName: client.name,
      accountOwner: client.accountOwner?.name ?? null,
      openPromises: open.items.map((c) => ({ title: c.title, dueAt: c.dueAt, owner: c.owner.name, overdue: c.overdue })),
      lastCallbackAt: iso(await repo.lastCallbackAt(deps.db, actor.orgId, query.clientId)),
    };
  }
  return {
    experts: routing.experts,
    routedToLead: routing.routedToLead,
    routingReason: routing.reason,
    expert: routing.expert,
    dueAt: dueAt.toISOString(),
    sentence: routing.expert ? callbackSentence(language, time.settings.timeZone, dueAt, routing.expert.name) : "",
    context,
  };
}

function toCallback(row: repo.CallbackRow, commitment: commitments.CommitmentSummary, sentence: string): Callback {
  return {
    commitment,
    callerName: row.caller_name,
    callerPhone: row.caller_phone,
    callerEmail: row.caller_email,
    question: row.question,
    topic: row.topic,
    routedToLead: row.routed_to_lead,
    acceptBy: iso(row.accept_by),
    acceptedAt: iso(row.accepted_at),
    attempts: row.attempts,
    reachedAt: iso(row.reached_at),
    outcome: row.outcome,
    confirmationSent: row.confirmation_sent,
    alertedAt: iso(row.alerted_at),
    alertReason: row.alert_reason,
    sentence,
  };
}

export async function getCallback(deps: Deps, actor: Actor, id: string): Promise<Callback> {
  const row = await repo.findCallback(deps.db, actor.orgId, id);
  if (!row) throw notFound("callbacks.not_found");
  const commitment = await commitments.getCommitment(deps, actor, id);
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  return toCallback(
    row,
    commitment,
    callbackSentence(time.language, time.settings.timeZone, new Date(commitment.dueAt), commitment.owner.name),
  );
}

/**
 * Takes a callback: checks everything first (who, how to reach them, the
 * question, the expert), records a new caller as a client when needed, then
 * writes the promise and its intake in one transaction and, when asked,
 * queues the confirmation e-mail to the caller in that same transaction.
 */
export async function createCallback(deps: Deps, actor: Actor, input: CreateCallbackInput): Promise<Callback> {
  if (!input.clientId === !input.newCaller) {
    throw new AppError(input.clientId ? "callbacks.caller_ambiguous" : "callbacks.caller_required", 400);
  }
  let clientId = input.clientId;
  let contactId = input.contactId ?? null;
  let caller: { name: string; phone: string | null; email: string | null };
  if (clientId) {
    const client = await clients.getClient(deps, actor, clientId).catch((error: unknown) => {
      throw error instanceof AppError && error.status === 404 ? new AppError("clients.not_found", 400) : error;
    });
    const contact = contactId ? (await clients.listContacts(deps, actor, clientId)).find((c) => c.id === contactId) : undefined;
    if (contactId && !contact) throw new AppError("commitments.contact_not_of_client", 400);
    caller = {
      name: contact?.name ?? client.name,
      phone: input.callbackPhone ?? contact?.phone ?? client.phone ?? null,
      email: contact?.email ?? client.email ?? null,
    };
  } else {
    const fresh = input.newCaller as NonNullable<CreateCallbackInput["newCaller"]>;
    caller = { name: fresh.name, phone: input.callbackPhone ?? fresh.phone ?? null, email: fresh.email ?? null };
  }
  if (!caller.phone && !caller.email) throw new AppError("callbacks.no_way_to_reach", 400);
  if (input.confirmationEmail && !caller.email) throw new AppError("callbacks.no_email_for_confirmation", 400);
  // One transaction from here on: a new caller, their contact, the promise and the intake are saved together or not at all.
  const id = await inTransaction(deps.db, async (trx) => {
    const tx = { ...deps, db: trx };
    const routing: Routing = input.expertId
      ? { experts: [], expert: await expertById(tx, actor, input.expertId), routedToLead: false, reason: "chosen" }
      : await chooseExpert(tx, actor, input.topic);
    if (!routing.expert) throw new AppError("callbacks.nobody_to_route_to", 400);
    const expert = routing.expert;
    if (!clientId) {
      const fresh = input.newCaller as NonNullable<CreateCallbackInput["newCaller"]>;
      const created = await clients.createClient(
        tx,
        actor,
        createClientBody.parse({
          kind: fresh.company ? "company" : "person",
          name: fresh.company ?? fresh.name,
          ...(!fresh.company && { email: fresh.email, phone: fresh.phone }),
        }),
      );
      clientId = created.id;
      if (fresh.company) {
        const contact = createContactBody.parse({ name: fresh.name, email: fresh.email, phone: fresh.phone });
        contactId = (await clients.addContact(tx, actor, clientId, contact)).id;
      }
    }
    const now = deps.clock.now();
    const { time, dueAt } = await callbackDue(tx, actor.orgId, clientId, now);
    const minutes = await repo.acceptMinutes(trx, actor.orgId);
    const organization = await organizations.findOrganization(tx, actor.orgId);
    const shortQuestion = input.question.length > 120 ? `${input.question.slice(0, 117)}…` : input.question;
    const nl = time.language === "nl";
    const commitment = await commitments.createCommitment(
      tx,
      actor,
      {
        clientId,
        ...(contactId && { contactId }),
        title: nl ? `${caller.name} terugbellen: ${shortQuestion}` : `Call ${caller.name} back: ${shortQuestion}`,
        doneWhen: nl ? "De beller is teruggebeld en heeft antwoord op de vraag" : "The caller was called back and has an answer",
        ownerId: expert.id,
        dueAt: dueAt.toISOString(),
        source: "call",
        kind: "callback",
      },
      async (inner, id) => {
        await repo.insertCallback(inner, {
          org_id: actor.orgId,
          commitment_id: id,
          caller_name: caller.name,
          caller_phone: caller.phone,
          caller_email: caller.email,
          question: input.question,
          topic: input.topic ?? null,
          routed_to_lead: routing.routedToLead,
          accept_by: new Date(now.getTime() + minutes * 60_000),
          confirmation_sent: input.confirmationEmail && caller.email !== null,
          created_at: now,
        });
        // Why it went to this person, in the history: they know the topic, were chosen, or a lead had to take it.
        await commitments.recordEvent(
          inner,
          actor,
          id,
          "routed",
          {
            toOwnerId: expert.id,
            toLead: routing.routedToLead,
            routing: routing.reason,
            topic: input.topic ?? null,
            matched: expert.topics,
          },
          now,
        );
        if (input.confirmationEmail && caller.email) {
          const mail = confirmationEmail({
            language: time.language,
            timeZone: time.settings.timeZone,
            dueAt,
            expertName: expert.name,
            callerName: caller.name,
            question: input.question,
            organizationName: organization?.name ?? "",
          });
          await notifications.queueEmail(inner, deps.clock, {
            orgId: actor.orgId,
            to: caller.email,
            language: time.language,
            subject: mail.subject,
            text: mail.text,
            kind: "callback.confirmation",
            dedupeKey: `callback-confirmation:${id}`,
          });
        }
      },
    );
    return commitment.id;
  });
  return getCallback(deps, actor, id);
}

const isOpen = (status: string) => status === "open" || status === "renegotiated";

/**
 * One step on a callback, in one transaction with its promise and its row
 * locked (promise first, as every change of a promise does): what the step
 * checks is still true when it writes, however many people act at once.
 */
async function step<T>(
  deps: Deps,
  actor: Actor,
  id: string,
  work: (
    trx: Kysely<DB>,
    promise: NonNullable<Awaited<ReturnType<typeof commitments.lockForStep>>>,
    row: repo.CallbackRow,
    now: Date,
  ) => Promise<T>,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const promise = await commitments.lockForStep(trx, actor.orgId, id);
    const row = promise ? await repo.lockCallback(trx, actor.orgId, id) : undefined;
    if (!promise || !row) throw notFound("callbacks.not_found");
    return work(trx, promise, row, deps.clock.now());
  });
}

/**
 * The expert takes it on: no rerouting after this. The one it is routed to
 * accepts; a callback without a person (an alert went out) any colleague who
 * calls back may take on from My day or the alert, and it becomes theirs.
 * Accepted already, by anyone: 409.
 */
export async function acceptCallback(deps: Deps, actor: Actor, id: string): Promise<Callback> {
  await step(deps, actor, id, async (trx, promise, row, now) => {
    const mine = promise.owner_id === actor.userId;
    const mayTakeOver = row.alerted_at !== null && actor.role !== "frontdesk";
    if (!mine && !mayTakeOver) throw forbidden("callbacks.not_yours_to_accept");
    if (!isOpen(promise.status)) throw new AppError("commitments.closed", 409);
    if (row.accepted_at || !(await repo.markAccepted(trx, actor.orgId, id, now))) throw conflict("callbacks.already_accepted");
    if (mine) {
      await commitments.recordEvent(trx, actor, id, "accepted", {}, now);
    } else {
      await commitments.handOverWithin(trx, deps, actor.orgId, id, {
        ownerId: actor.userId,
        by: actor.userId,
        eventKind: "accepted",
        data: { withoutPerson: true },
        tellOwner: false,
        at: now,
      });
    }
  });
  return getCallback(deps, actor, id);
}

function requireMayAct(actor: Actor, promise: { owner_id: string; status: string }) {
  if (promise.owner_id !== actor.userId && !canActOnOthersCommitments(actor.role)) throw forbidden("commitments.not_yours");
  if (!isOpen(promise.status)) throw new AppError("commitments.closed", 409);
}

export async function recordAttempt(deps: Deps, actor: Actor, id: string, input: { reached: boolean; note?: string | undefined }) {
  await step(deps, actor, id, async (trx, promise, row, now) => {
    requireMayAct(actor, promise);
    // Reaching the caller is accepting it at the latest; an earlier acceptance keeps its own time.
    const reached = input.reached ? { reached_at: row.reached_at ?? now, ...(row.accepted_at ? {} : { accepted_at: now }) } : {};
    await repo.updateCallback(trx, actor.orgId, id, reached, { attempt: true });
    await commitments.recordEvent(
      trx,
      actor,
      id,
      "callback_attempt",
      { reached: input.reached, ...(input.note && { note: input.note }) },
      now,
    );
  });
  return getCallback(deps, actor, id);
}

/** What was answered: the callback is done (kept, or kept late), its answer in the promise's history, in one transaction. */
export async function recordOutcome(deps: Deps, actor: Actor, id: string, input: { outcome: string }) {
  if (!(await repo.findCallback(deps.db, actor.orgId, id))) throw notFound("callbacks.not_found");
  await commitments.completeCommitment(deps, actor, id, { answer: input.outcome }, async (trx, now) => {
    // The promise is locked by now; the callback's row is read again under its own lock.
    const row = await repo.lockCallback(trx, actor.orgId, id);
    if (!row) throw notFound("callbacks.not_found");
    await repo.updateCallback(trx, actor.orgId, id, {
      outcome: input.outcome,
      ...(row.reached_at ? {} : { reached_at: now }),
      accepted_at: row.accepted_at ?? now,
    });
  });
  return getCallback(deps, actor, id);
}

/**
 * Nobody has the callback: the one who took the call and the team leads (no
 * lead: the administrators) are told in the app and by e-mail, in the
 * caller's transaction, once per reason (the alert's time on the row and the
 * dedupe keys keep a second sweep quiet); the history says so.
 */
export async function raiseAlert(
  deps: Deps,
  orgId: string,
  id: string,
  reason: "nobody_left" | "time_running_out",
  now: Date,
  extra: Record<string, unknown> = {},
) {
  const system: Actor = { userId: "system", orgId, role: "admin", via: "token" };
  const promise = await commitments.getCommitment(deps, system, id);
  const takenBy = await commitments.lockForStep(deps.db, orgId, id);
  let recipients = await repo.alertRecipients(deps.db, orgId, takenBy?.created_by ?? null);
  if (recipients.length === 0) recipients = await repo.membersWithRole(deps.db, orgId, "admin");
  const time = await workingTime.loadOrganizationTime(deps, orgId);
  await repo.updateCallback(deps.db, orgId, id, { alerted_at: now, alert_reason: reason });
  await notifications.notifyMany(
    deps.db,
    deps.clock,
    recipients.map((person) => ({
      orgId,
      userId: person.id,
      kind: `callback.${reason}` as const,
      params: {
        title: promise.title,
        clientName: promise.clientName,
        dueAt: promise.dueAt,
        ownerName: promise.owner.name,
        link: commitments.commitmentLink(deps.baseUrl, id),
      },
      language: time.language,
      timeZone: time.settings.timeZone,
      dedupeKey: `callback-alert:${id}:${reason}:${person.id}`,
      email: true,
      commitmentId: id,
    })),
  );
  await commitments.recordSystemEvent(
    deps.db,
    orgId,
    id,
    "callback_alert",
    { ...extra, reason, notified: recipients.map((p) => p.id) },
    now,
  );
}
