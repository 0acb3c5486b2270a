import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { canActOnOthersCommitments } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { createClientBody, createContactBody } from "../clients/clients.schemas.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import * as notifications from "../notifications/notifications.usecases.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import { callbackSentence, confirmationEmail } from "./callbacks.messages.ts";
import * as repo from "./callbacks.repository.ts";
import type { Callback, CallbackPreview, CallbackPreviewQuery, CreateCallbackInput } from "./callbacks.schemas.ts";

export type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; baseUrl: string };
type Expert = CallbackPreview["experts"][number];

const FALLBACK_HOURS = 4;
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * Who calls back: among those who know the topic (best match first), the one
 * with the fewest callbacks waiting; nobody knows it → a team lead (then an
 * administrator), again the least busy. `excluding`: who already had it.
 */
export async function chooseExpert(
  deps: Pick<Deps, "db" | "clock">,
  actor: Actor,
  topic: string | undefined,
  excluding: string[] = [],
): Promise<{ experts: Expert[]; expert: Expert | null; routedToLead: boolean }> {
  const waiting = await repo.waitingPerOwner(deps.db, actor.orgId);
  const found = topic ? await organizations.findExperts(deps, actor, topic) : [];
  const experts: Expert[] = found
    .filter((e) => e.role !== "frontdesk")
    .map((e) => ({ id: e.id, name: e.name, role: e.role, topics: e.topics, waiting: waiting.get(e.id) ?? 0 }));
  const available = experts.filter((e) => !excluding.includes(e.id));
  const leastBusy = (list: Expert[]) => [...list].sort((a, b) => a.waiting - b.waiting)[0] ?? null;
  if (available.length > 0) return { experts, expert: leastBusy(available), routedToLead: false };
  for (const role of ["lead", "admin"]) {
    const people = (await repo.membersWithRole(deps.db, actor.orgId, role))
      .filter((m) => !excluding.includes(m.id))
      .map((m) => ({ id: m.id, name: m.name, role: m.role, topics: [], waiting: waiting.get(m.id) ?? 0 }));
    if (people.length > 0) return { experts, expert: leastBusy(people), routedToLead: true };
  }
  return { experts, expert: null, routedToLead: true };
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
    ? { experts: [], expert: await expertById(deps, actor, query.expertId), routedToLead: false }
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
  const routing = input.expertId
    ? { expert: await expertById(deps, actor, input.expertId), routedToLead: false }
    : await chooseExpert(deps, actor, input.topic);
  if (!routing.expert) throw new AppError("callbacks.nobody_to_route_to", 400);
  const expert = routing.expert;

  if (!clientId) {
    const fresh = input.newCaller as NonNullable<CreateCallbackInput["newCaller"]>;
    const created = await clients.createClient(
      deps,
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
      contactId = (await clients.addContact(deps, actor, clientId, contact)).id;
    }
  }
  const now = deps.clock.now();
  const { time, dueAt } = await callbackDue(deps, actor.orgId, clientId, now);
  const minutes = await repo.acceptMinutes(deps.db, actor.orgId);
  const organization = await deps.db.selectFrom("organization").select("name").where("id", "=", actor.orgId).executeTakeFirst();
  const shortQuestion = input.question.length > 120 ? `${input.question.slice(0, 117)}…` : input.question;
  const nl = time.language === "nl";
  const commitment = await commitments.createCommitment(
    deps,
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
    async (trx, id) => {
      await repo.insertCallback(trx, {
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
        await notifications.queueEmail(trx, deps.clock, {
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
  return getCallback(deps, actor, commitment.id);
}

async function requireOwnerOrLead(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findCallback(deps.db, actor.orgId, id);
  if (!row) throw notFound("callbacks.not_found");
  const commitment = await commitments.getCommitment(deps, actor, id);
  if (commitment.owner.id !== actor.userId && !canActOnOthersCommitments(actor.role)) throw forbidden("commitments.not_yours");
  if (commitment.status !== "open" && commitment.status !== "renegotiated") throw new AppError("commitments.closed", 409);
  return { row, commitment };
}

/** The expert takes it on: no rerouting after this. Only the one it is routed to accepts. */
export async function acceptCallback(deps: Deps, actor: Actor, id: string): Promise<Callback> {
  const { row, commitment } = await requireOwnerOrLead(deps, actor, id);
  if (commitment.owner.id !== actor.userId) throw forbidden("callbacks.not_yours_to_accept");
  if (!row.accepted_at) {
    await deps.db.transaction().execute(async (trx) => {
      await repo.updateCallback(trx, actor.orgId, id, { accepted_at: deps.clock.now(), accept_by: null });
      await commitments.recordEvent(trx, actor, id, "accepted", {}, deps.clock.now());
    });
  }
  return getCallback(deps, actor, id);
}

export async function recordAttempt(deps: Deps, actor: Actor, id: string, input: { reached: boolean; note?: string | undefined }) {
  const { row } = await requireOwnerOrLead(deps, actor, id);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
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
  const { row } = await requireOwnerOrLead(deps, actor, id);
  await commitments.completeCommitment(deps, actor, id, { answer: input.outcome }, async (trx, now) => {
    await repo.updateCallback(trx, actor.orgId, id, {
      outcome: input.outcome,
      ...(row.reached_at ? {} : { reached_at: now }),
      accepted_at: row.accepted_at ?? now,
    });
  });
  return getCallback(deps, actor, id);
}
