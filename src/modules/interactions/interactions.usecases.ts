import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { isUuid, newId } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import type { SuggestionList } from "../suggestions/suggestions.schemas.ts";
import * as suggestions from "../suggestions/suggestions.usecases.ts";
import { INTERACTION_LOGGED, type InteractionLoggedPayload } from "./interactions.events.ts";
import * as repo from "./interactions.repository.ts";
import {
  CLOCK_SKEW_MS,
  type Interaction,
  type InteractionList,
  type ListInteractionsQuery,
  type LoggedInteraction,
  type LogInteractionInput,
} from "./interactions.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec };

const iso = (value: Date | string) => new Date(value).toISOString();

function toInteraction(row: repo.InteractionRow): Interaction {
  return {
    id: row.id,
    clientId: row.client_id,
    contact: row.contact_id ? { id: row.contact_id, name: row.contact_name ?? "" } : null,
    kind: row.kind,
    direction: row.direction,
    initiatedBy: row.initiated_by,
    occurredAt: iso(row.occurred_at),
    summary: row.summary,
    body: row.body,
    clientRaisedProblem: row.client_raised_problem,
    clientInvitation: row.client_invitation,
    loggedBy: row.logged_by ? { id: row.logged_by, name: row.logged_by_name ?? "" } : null,
    createdAt: iso(row.created_at),
  };
}

/**
 * The text the suggestion extractor reads: what we wrote. Of an inbound e-mail
 * or portal message the body is the client's own words ("I will send…" is
 * their promise, not ours), so only our summary is read.
 */
export function textForSuggestions(input: Pick<LogInteractionInput, "kind" | "direction" | "summary" | "body">): string {
  const clientWrote = input.direction === "inbound" && (input.kind === "email" || input.kind === "portal");
  return clientWrote || !input.body ? input.summary : `${input.summary}\n\n${input.body}`;
}

/**
 * Logs an interaction and publishes `interaction.logged` in the same
 * transaction. Any member may log. Afterwards the text goes through the
 * suggestion extractor, counting relative dates ("Friday") from when the
 * interaction took place; a failure there never undoes the logging.
 */
export async function logInteraction(deps: Deps, actor: Actor, input: LogInteractionInput): Promise<LoggedInteraction> {
  const now = deps.clock.now();
  const occurredAt = input.occurredAt === undefined ? now : new Date(input.occurredAt);
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new AppError("interactions.in_future", 400);
  const body = input.body ? input.body : null;
  const interaction = await inTransaction(deps.db, async (trx) => {
    // Another organization's client is as unknown as one that does not exist.
    await clients.getClient({ db: trx }, actor, input.clientId);
    const contactId = input.contactId ?? null;
    if (contactId) {
      const ownerClient = await repo.clientOfContact(trx, actor.orgId, contactId);
      if (ownerClient === undefined) throw notFound("contacts.not_found");
      if (ownerClient !== input.clientId) throw new AppError("interactions.contact_not_of_client", 400);
    }
    const id = newId();
    const flags = { clientRaisedProblem: input.clientRaisedProblem ?? false, clientInvitation: input.clientInvitation ?? false };
    await repo.insertInteraction(trx, {
      org_id: actor.orgId,
      id,
      client_id: input.clientId,
      contact_id: contactId,
      kind: input.kind,
      direction: input.direction,
      initiated_by: input.initiatedBy,
      occurred_at: occurredAt,
      summary: input.summary,
      body,
      client_raised_problem: flags.clientRaisedProblem,
      client_invitation: flags.clientInvitation,
      logged_by: actor.userId,
      created_at: now,
    });
    const payload: InteractionLoggedPayload = {
      interactionId: id,
      kind: input.kind,
      direction: input.direction,
      initiatedBy: input.initiatedBy,
      summary: input.summary,
      contactId,
      ...flags,
    };
    await domainEvents.publish(trx, {
      orgId: actor.orgId,
      id,
      type: INTERACTION_LOGGED,
      subjectType: "interaction",
      subjectId: id,
      clientId: input.clientId,
      actorId: actor.userId,
      payload,
      occurredAt,
    });
    const row = await repo.findInteraction(trx, actor.orgId, id);
    if (!row) throw notFound("interactions.not_found");
    return toInteraction(row);
  });
  return { ...interaction, suggestions: await suggest(deps, actor, input, occurredAt) };
}

async function suggest(deps: Deps, actor: Actor, input: LogInteractionInput, occurredAt: Date): Promise<SuggestionList> {
  try {
    const text = textForSuggestions({ ...input, body: input.body ?? null });
    return await suggestions.suggestFromText(deps, actor, { text, now: occurredAt.toISOString() });
  } catch {
    // The interaction is saved; a text the extractor cannot read only means no suggestions.
    return { items: [], truncated: false };
  }
}

export async function getInteraction(deps: Pick<Deps, "db">, actor: Actor, id: string): Promise<Interaction> {
  const row = await repo.findInteraction(deps.db, actor.orgId, id);
  if (!row) throw notFound("interactions.not_found");
  return toInteraction(row);
}

export async function listInteractions(deps: Deps, actor: Actor, clientId: string, query: ListInteractionsQuery): Promise<InteractionList> {
  await clients.getClient(deps, actor, clientId);
  let before: { occurredAt: Date; id: string } | undefined;
  if (query.cursor) {
    const [at, id] = deps.cursor.decode(query.cursor, 2);
    const occurredAt = new Date(String(at));
    if (Number.isNaN(occurredAt.getTime()) || !isUuid(String(id))) throw new AppError("request.invalid_cursor", 400);
    before = { occurredAt, id: String(id) };
  }
  const rows = await repo.listForClient(deps.db, actor.orgId, clientId, { before, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit).map(toInteraction);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > query.limit && last ? deps.cursor.encode([last.occurredAt, last.id]) : null,
  };
}
