import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import type { Logger } from "../../shared/logger.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import * as repo from "./callbacks.repository.ts";
import { chooseExpert } from "./callbacks.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; baseUrl: string; logger: Logger };

/**
 * Callbacks nobody accepted in time move on: to the next colleague who knows
 * the topic, else to a team lead (then an administrator) — never back to
 * someone who already had it. Each claimed once, however many instances sweep.
 */
export async function rerouteUnaccepted(deps: Deps, options: { batch?: number } = {}) {
  const now = deps.clock.now();
  const claimed = await repo.claimUnaccepted(deps.db, now, options.batch ?? 200);
  let rerouted = 0;
  for (const row of claimed) {
    // The sweep acts for the organization itself; the history names no person.
    const system: Actor = { userId: "system", orgId: row.org_id, role: "admin", via: "token" };
    const previous = await repo.previousOwners(deps.db, row.org_id, row.commitment_id);
    const next = await chooseExpert(deps, system, row.topic ?? undefined, previous);
    if (!next.expert) {
      deps.logger.warn({ orgId: row.org_id, callback: row.commitment_id }, "callback not accepted and nobody left to route it to");
      continue;
    }
    const expert = next.expert;
    const minutes = await repo.acceptMinutes(deps.db, row.org_id);
    await commitments.reassignCommitment(deps, system, row.commitment_id, { ownerId: expert.id });
    await deps.db.transaction().execute(async (trx) => {
      await repo.updateCallback(trx, row.org_id, row.commitment_id, {
        accept_by: new Date(now.getTime() + minutes * 60_000),
        routed_to_lead: next.routedToLead,
      });
      await commitments.recordEvent(
        trx,
        system,
        row.commitment_id,
        "rerouted",
        { toOwnerId: expert.id, toLead: next.routedToLead, reason: "not_accepted_in_time" },
        now,
      );
    });
    rerouted++;
  }
  if (rerouted > 0) deps.logger.info({ rerouted }, "callbacks rerouted");
  return { rerouted };
}
