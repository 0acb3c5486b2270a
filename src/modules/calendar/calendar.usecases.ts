import ical from "ical-generator";
import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import type { DB } from "../../db/schema.ts";
import { notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId, newSecret, sha256 } from "../../shared/ids.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import * as repo from "./calendar.repository.ts";
import type { CalendarFeed } from "./calendar.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock; baseUrl: string };

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const FEED_LIMIT = 1000;

export function feedUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/api/v1/calendar/${token}.ics`;
}

export async function getFeed(deps: Deps, actor: Actor): Promise<CalendarFeed> {
  const feed = await repo.findActiveFeed(deps.db, actor.orgId, actor.userId);
  return { active: feed !== undefined, createdAt: feed ? iso(feed.created_at) : null, lastUsedAt: feed ? iso(feed.last_used_at) : null };
}

/** A new secret address; any earlier one stops working. Only the token's hash is kept. */
export async function createFeed(deps: Deps, actor: Actor) {
  const token = newSecret("tlcal");
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.revokeFeeds(trx, actor.orgId, actor.userId, now);
    await repo.insertFeed(trx, { org_id: actor.orgId, id: newId(), user_id: actor.userId, token_hash: sha256(token), created_at: now });
  });
  return { url: feedUrl(deps.baseUrl, token), createdAt: now.toISOString() };
}

export async function revokeFeed(deps: Deps, actor: Actor): Promise<void> {
  if (!(await repo.revokeFeeds(deps.db, actor.orgId, actor.userId, deps.clock.now()))) throw notFound("calendar.not_found");
}

const STATUS_WORDS = {
  nl: { open: "open", renegotiated: "nieuwe termijn", overdue: "te laat" },
  en: { open: "open", renegotiated: "new date agreed", overdue: "overdue" },
} as const;

/**
 * The ICS text behind a token: the owner's open promises as 15-minute events
 * ending at their due time. Unknown, revoked or malformed tokens all answer
 * the same 404.
 */
export async function renderFeed(deps: Deps, token: string): Promise<string> {
  const clean = token.endsWith(".ics") ? token.slice(0, -4) : token;
  if (!/^tlcal_[A-Za-z0-9_-]{20,60}$/.test(clean)) throw notFound("calendar.not_found");
  const feed = await repo.findFeedByHash(deps.db, sha256(clean));
  if (!feed) throw notFound("calendar.not_found");
  const now = deps.clock.now();
  await repo.touchFeed(deps.db, feed.org_id, feed.id, now);
  const actor: Actor = { userId: feed.user_id, orgId: feed.org_id, role: "advisor", via: "token" };
  const time = await workingTime.loadOrganizationTime(deps, feed.org_id);
  const words = STATUS_WORDS[time.language];
  const open = await commitments.listOpenForCalendar(deps, actor, FEED_LIMIT);
  const calendar = ical({
    name: time.language === "nl" ? `Toezeggingen van ${feed.user_name}` : `Promises of ${feed.user_name}`,
    prodId: { company: "Trustledger", product: "commitments", language: time.language.toUpperCase() },
    // No `timezone` here on purpose: with one but no VTIMEZONE generator, ical-generator
    // writes wall-clock digits without a TZID (floating times, which every reader
    // places in its own zone). UTC times (`…Z`) are one instant everywhere, and
    // calendar apps show them in their user's zone.
    ttl: 15 * 60,
  });
  for (const item of open) {
    const due = new Date(item.dueAt);
    const state = item.overdue ? words.overdue : words[item.status === "renegotiated" ? "renegotiated" : "open"];
    calendar.createEvent({
      id: `${item.id}@trustledger`,
      start: new Date(due.getTime() - 15 * 60_000),
      end: due,
      stamp: now,
      summary: `${item.title} — ${item.clientName}`,
      description: `${item.doneWhen}\n\n(${state})\n${commitments.commitmentLink(deps.baseUrl, item.id)}`,
      url: commitments.commitmentLink(deps.baseUrl, item.id),
    });
  }
  return calendar.toString();
}
