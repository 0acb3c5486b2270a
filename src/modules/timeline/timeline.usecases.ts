import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { GROUP_SELECTORS, groupOf, PRIVATE_MODULES, TIMELINE_GROUPS, titleOf } from "../../core/timeline.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { isUuid } from "../../shared/ids.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as repo from "./timeline.repository.ts";
import type { Timeline, TimelineQuery } from "./timeline.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec };

/**
 * A client's timeline, newest first, from the domain events: any type is
 * shown, known or not (its title from the payload's title or summary). Names
 * of contacts come from the clients module, of people from the users.
 */
export async function clientTimeline(deps: Deps, actor: Actor, clientId: string, query: TimelineQuery): Promise<Timeline> {
  await clients.getClient(deps, actor, clientId);
  let before: { occurredAt: Date; id: string } | undefined;
  if (query.cursor) {
    const [at, id] = deps.cursor.decode(query.cursor, 2);
    const occurredAt = new Date(String(at));
    if (Number.isNaN(occurredAt.getTime()) || !isUuid(String(id))) throw new AppError("request.invalid_cursor", 400);
    before = { occurredAt, id: String(id) };
  }
  const groups = query.types ?? [];
  const everything = groups.length === 0 || groups.length === TIMELINE_GROUPS.length;
  const events = await domainEvents.listForClient(deps.db, actor.orgId, clientId, {
    ...(everything ? {} : { selectors: groups.flatMap((group) => GROUP_SELECTORS[group]) }),
    notModules: PRIVATE_MODULES,
    before,
    limit: query.limit + 1,
  });
  const page = events.slice(0, query.limit);
  const contacts = new Map((await clients.listContacts(deps, actor, clientId)).map((contact) => [contact.id, contact.name]));
  const actors = await repo.userNames(deps.db, [...new Set(page.flatMap((event) => (event.actorId ? [event.actorId] : [])))]);
  const last = page.at(-1);
  return {
    items: page.map((event) => {
      const contactId = typeof event.payload.contactId === "string" ? event.payload.contactId : null;
      const contactName = contactId ? contacts.get(contactId) : undefined;
      const actorName = event.actorId ? actors.get(event.actorId) : undefined;
      return {
        id: event.id,
        type: event.type,
        group: groupOf(event.type, event.payload),
        occurredAt: event.occurredAt.toISOString(),
        actor: event.actorId ? { id: event.actorId, name: actorName ?? "" } : null,
        contact: contactId && contactName !== undefined ? { id: contactId, name: contactName } : null,
        title: titleOf(event.payload),
        source: { type: event.subjectType, id: event.subjectId },
        payload: event.payload,
      };
    }),
    nextCursor: events.length > query.limit && last ? deps.cursor.encode([last.occurredAt.toISOString(), last.id]) : null,
  };
}
