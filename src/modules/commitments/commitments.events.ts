import { z } from "zod";
import type { DomainEvent } from "../domain-events/domain-events.usecases.ts";

/**
 * The facts commitments publish through the one door (domain events). Their
 * payloads are documented here; consumers read these fields and nothing of
 * the commitments module's own history JSON.
 *
 * A fact's id is the id of the commitment event it comes from, so the history
 * can be published again (evidence backfill) without counting anything twice.
 */
export const COMMITMENT_FACT_TYPES = [
  "commitment.created",
  "commitment.kept",
  "commitment.kept_late",
  "commitment.renegotiated",
  "commitment.broken",
  "commitment.cancelled",
  "commitment.reopened",
] as const;
export type CommitmentFactType = (typeof COMMITMENT_FACT_TYPES)[number];

export const commitmentFactPayload = z
  .object({
    commitmentId: z.uuid(),
    title: z.string(),
    commitmentKind: z.enum(["callback", "deliverable", "meeting", "other"]),
    ownerId: z.string(),
    dueAt: z.string().meta({ description: "The due time when it happened (before a renegotiation: the old one)." }),
    closedAt: z.string().optional(),
    toDueAt: z.string().optional().meta({ description: "renegotiated: the new due time." }),
    informedBeforeDue: z.boolean().optional().meta({ description: "renegotiated: the client was told before the old due time." }),
    clientInformed: z.boolean().optional().meta({ description: "broken: the client was told it will not happen." }),
    clientAgreed: z.boolean().optional().meta({ description: "cancelled: the client agreed." }),
    undoesEventId: z.uuid().optional().meta({ description: "reopened: the closing fact this takes back." }),
    recordedAfterwards: z.boolean().optional().meta({ description: "Recorded after the fact (history brought in)." }),
  })
  .meta({ id: "CommitmentFact" });
export type CommitmentFactPayload = z.infer<typeof commitmentFactPayload>;

/** The promise as the fact describes it. */
export type FactCommitment = { id: string; client_id: string; kind: string; title: string };
/** One commitment event (own history) as it was written. */
export type FactSource = { id: string; kind: string; at: Date; actor_id: string | null; data: Record<string, unknown> };

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value ?? ""));

/**
 * The domain event for one commitment event, or null for history that is no
 * fact for others (warnings, attempts, reassignments). `ownerId` is who owned
 * the promise at that moment; `undoesEventId` the closing a reopen takes back.
 */
export function commitmentFact(
  orgId: string,
  commitment: FactCommitment,
  source: FactSource,
  context: { ownerId: string; undoesEventId?: string | undefined },
): DomainEvent | null {
  const data = source.data;
  const type = factType(source);
  if (!type) return null;
  const payload: CommitmentFactPayload = {
    commitmentId: commitment.id,
    title: commitment.title,
    commitmentKind: commitment.kind as CommitmentFactPayload["commitmentKind"],
    ownerId: context.ownerId,
    dueAt: iso(data.fromDueAt ?? data.dueAt),
    ...(data.toDueAt !== undefined && { toDueAt: iso(data.toDueAt) }),
    ...(type === "commitment.renegotiated" && { informedBeforeDue: data.informedBeforeDue === true }),
    ...(type === "commitment.broken" && { clientInformed: data.clientInformed === true }),
    ...(type === "commitment.cancelled" && { clientAgreed: data.clientAgreed === true }),
    ...(type === "commitment.reopened" && context.undoesEventId && { undoesEventId: context.undoesEventId }),
    ...(["commitment.kept", "commitment.kept_late", "commitment.broken", "commitment.cancelled"].includes(type) && {
      closedAt: source.at.toISOString(),
    }),
    ...(data.recordedAfterwards === true && { recordedAfterwards: true }),
  };
  return {
    orgId,
    id: source.id,
    type,
    subjectType: "commitment",
    subjectId: commitment.id,
    clientId: commitment.client_id,
    actorId: source.actor_id,
    payload,
    occurredAt: source.at,
  };
}

function factType(source: FactSource): CommitmentFactType | null {
  switch (source.kind) {
    case "created":
      return "commitment.created";
    case "completed":
      return source.data.status === "kept_late" ? "commitment.kept_late" : "commitment.kept";
    case "renegotiated":
      return "commitment.renegotiated";
    case "broken":
      return "commitment.broken";
    case "cancelled":
      return "commitment.cancelled";
    case "reopened":
      return "commitment.reopened";
    default:
      return null;
  }
}

/**
 * The facts of one promise's whole history, in order, as they were published
 * when each happened: the owner at each moment is followed through the
 * reassignments, and a reopen names the closing it takes back.
 */
export function commitmentFactsOf(orgId: string, commitment: FactCommitment & { owner_id: string }, history: readonly FactSource[]) {
  const facts: DomainEvent[] = [];
  const created = history.find((event) => event.kind === "created");
  let owner = typeof created?.data.ownerId === "string" ? created.data.ownerId : commitment.owner_id;
  let lastClosing: string | undefined;
  for (const source of history) {
    // Reassignments, reroutes and hand-overs all name the new owner.
    if (typeof source.data.toOwnerId === "string") owner = source.data.toOwnerId;
    const fact = commitmentFact(orgId, commitment, source, { ownerId: owner, undoesEventId: lastClosing });
    if (["completed", "broken", "cancelled"].includes(source.kind)) lastClosing = source.id;
    if (fact) facts.push(fact);
  }
  return facts;
}
