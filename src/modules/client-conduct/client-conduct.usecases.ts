import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import { CLIENT_CONDUCT_RECORDED, type ClientConductPayload } from "./client-conduct.events.ts";
import * as repo from "./client-conduct.repository.ts";
import { CONDUCT_ASPECTS, type ConductInput, type ConductItem, type ConductList } from "./client-conduct.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

/** A little slack for clocks that differ between the caller's device and the server. */
const FUTURE_SLACK_MS = 60_000;
const SHOWN_ITEMS = 100;

const iso = (value: Date | string) => new Date(value).toISOString();

function toItem(row: Awaited<ReturnType<typeof repo.listConduct>>[number]): ConductItem {
  return {
    id: row.id,
    clientId: row.client_id,
    aspect: row.aspect,
    direction: row.direction,
    note: row.note,
    occurredAt: iso(row.occurred_at),
    recordedAt: iso(row.recorded_at),
    recordedBy: row.recorded_by ? { id: row.recorded_by, name: row.recorded_by_name ?? "" } : null,
  };
}

/**
 * Records how the client kept its side once: attributable (who, when) and
 * append-only. Everyone in the firm may record it — the front desk meets the
 * client's manners first. The fact goes through the one door; the trust
 * ledger maps it to no evidence, so our scores never move by it.
 */
export async function recordConduct(deps: Deps, actor: Actor, clientId: string, input: ConductInput): Promise<ConductItem> {
  await clients.getClient(deps, actor, clientId);
  const now = deps.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + FUTURE_SLACK_MS) throw new AppError("client_conduct.in_future", 400);
  const id = newId();
  await inTransaction(deps.db, async (trx) => {
    await repo.insertConduct(trx, {
      org_id: actor.orgId,
      id,
      client_id: clientId,
      aspect: input.aspect,
      direction: input.direction,
      note: input.note,
      occurred_at: occurredAt,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    const payload: ClientConductPayload = { conductId: id, aspect: input.aspect, direction: input.direction, summary: input.note };
    await domainEvents.publish(trx, {
      orgId: actor.orgId,
      id,
      type: CLIENT_CONDUCT_RECORDED,
      subjectType: "client_conduct",
      subjectId: id,
      clientId,
      actorId: actor.userId,
      payload,
      occurredAt,
    });
  });
  const item = (await repo.listConduct(deps.db, actor.orgId, clientId, SHOWN_ITEMS)).find((row) => row.id === id);
  if (!item) throw new Error("the observation was not saved");
  return toItem(item);
}

/** Per aspect how often the client kept its side and did not, the latest of each, and the recent observations. */
export async function listConduct(deps: Deps, actor: Actor, clientId: string): Promise<ConductList> {
  await clients.getClient(deps, actor, clientId);
  const [rows, summary] = await Promise.all([
    repo.listConduct(deps.db, actor.orgId, clientId, SHOWN_ITEMS),
    repo.summarizeConduct(deps.db, actor.orgId, clientId),
  ]);
  const aspects = Object.fromEntries(
    CONDUCT_ASPECTS.map((aspect) => {
      const mine = summary.filter((row) => row.aspect === aspect);
      const positive = mine.find((row) => row.direction === "positive");
      const negative = mine.find((row) => row.direction === "negative");
      const latest = [positive, negative]
        .filter((row) => row !== undefined)
        .sort((a, b) => new Date(b.last_at).getTime() - new Date(a.last_at).getTime())[0];
      return [
        aspect,
        {
          positive: positive?.n ?? 0,
          negative: negative?.n ?? 0,
          last: latest ? { direction: latest.direction, occurredAt: iso(latest.last_at) } : null,
        },
      ];
    }),
  ) as ConductList["aspects"];
  return { aspects, items: rows.map(toItem) };
}
