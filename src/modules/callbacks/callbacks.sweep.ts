import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import type { Logger } from "../../shared/logger.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import * as repo from "./callbacks.repository.ts";
import { chooseExpert, raiseAlert } from "./callbacks.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; baseUrl: string; logger: Logger };
type Step = "rerouted" | "alerted" | "skipped";

const isOpen = (status: string) => status === "open" || status === "renegotiated";

/**
 * One callback nobody accepted in time, in one transaction: locked (promise,
 * then callback), checked again, handed to the next person with its new
 * deadline, history and notification — or, with nobody left, its alert. A
 * failure anywhere rolls all of it back: the callback stays due for the next sweep.
 */
async function rerouteOne(deps: Deps, orgId: string, id: string, now: Date): Promise<Step> {
  return deps.db.transaction().execute(async (trx) => {
    const tx = { ...deps, db: trx };
    const promise = await commitments.lockForStep(trx, orgId, id);
    const row = promise ? await repo.lockCallback(trx, orgId, id) : undefined;
    if (!promise || !row || !isOpen(promise.status) || row.accepted_at || !row.accept_by) return "skipped";
    if (new Date(row.accept_by).getTime() > now.getTime()) return "skipped";
    // The sweep acts for the organization itself; the history names no person.
    const system: Actor = { userId: "system", orgId, role: "admin", via: "token" };
    const previous = await commitments.previousOwners(tx, orgId, id);
    const next = await chooseExpert(tx, system, row.topic ?? undefined, previous);
    const why = { reason: "not_accepted_in_time", routing: next.reason, topic: row.topic };
    if (!next.expert) {
      await repo.updateCallback(trx, orgId, id, { accept_by: null });
      await raiseAlert(tx, orgId, id, "nobody_left", now, { fromOwnerId: promise.owner_id, routing: next.reason, topic: row.topic });
      return "alerted";
    }
    const minutes = await repo.acceptMinutes(trx, orgId);
    await commitments.handOverWithin(trx, deps, orgId, id, {
      ownerId: next.expert.id,
      by: null,
      eventKind: "rerouted",
      data: { toLead: next.routedToLead, matched: next.expert.topics, ...why },
      tellOwner: true,
      at: now,
    });
    await repo.updateCallback(trx, orgId, id, {
      accept_by: new Date(now.getTime() + minutes * 60_000),
      routed_to_lead: next.routedToLead,
    });
    return "rerouted";
  });
}

/** One callback at 75 % of its promised time, still unaccepted and not alerted about: its alert, in one transaction. */
async function alertOne(deps: Deps, orgId: string, id: string, now: Date): Promise<Step> {
  return deps.db.transaction().execute(async (trx) => {
    const promise = await commitments.lockForStep(trx, orgId, id);
    const row = promise ? await repo.lockCallback(trx, orgId, id) : undefined;
    if (!promise || !row || !isOpen(promise.status) || row.accepted_at || row.alerted_at) return "skipped";
    await raiseAlert({ ...deps, db: trx }, orgId, id, "time_running_out", now, { ownerId: promise.owner_id });
    return "alerted";
  });
}

/**
 * Callbacks nobody accepted in time move on: to the next colleague who knows
 * the topic, else to a team lead (then an administrator) — never back to
 * someone who already had it. Nobody left, or 75 % of the promised time gone
 * unaccepted: the one who took the call and the team leads are alerted. Each
 * callback is its own transaction; one that fails is logged, the others go
 * on, and the sweep then fails so System status shows it (the next sweep
 * tries it again).
 */
export async function rerouteUnaccepted(deps: Deps, options: { batch?: number } = {}) {
  const now = deps.clock.now();
  const limit = options.batch ?? 200;
  const counts = { rerouted: 0, alerted: 0, failed: 0 };
  const run = async (rows: { org_id: string; commitment_id: string }[], one: typeof rerouteOne) => {
    for (const row of rows) {
      try {
        const done = await one(deps, row.org_id, row.commitment_id, now);
        if (done !== "skipped") counts[done]++;
      } catch (error) {
        counts.failed++;
        deps.logger.error({ err: error, orgId: row.org_id, callback: row.commitment_id }, "callback sweep step failed; it is tried again");
      }
    }
  };
  await run(await repo.dueForReroute(deps.db, now, limit), rerouteOne);
  await run(await repo.dueForAlert(deps.db, now, limit), alertOne);
  if (counts.rerouted > 0 || counts.alerted > 0) deps.logger.info(counts, "callbacks rerouted and alerted");
  if (counts.failed > 0) throw new Error(`${counts.failed} callback(s) could not be rerouted or alerted about; the next sweep tries again`);
  return { rerouted: counts.rerouted, alerted: counts.alerted };
}
