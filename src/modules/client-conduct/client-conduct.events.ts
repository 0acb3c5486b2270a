import { z } from "zod";
import { CONDUCT_ASPECTS } from "./client-conduct.schemas.ts";

/**
 * The fact this module publishes through the one door (domain events). The
 * trust ledger has no rule for it: how the client behaves is never evidence
 * about our own conduct (src/core/trust/evidence-rules.ts maps it to nothing).
 * The timeline and webhooks may read it.
 */
export const CLIENT_CONDUCT_RECORDED = "client_conduct.recorded";

export const clientConductPayload = z
  .object({
    conductId: z.uuid(),
    aspect: z.enum(CONDUCT_ASPECTS),
    direction: z.enum(["positive", "negative"]),
    summary: z.string().meta({ description: "The note as written." }),
  })
  .meta({ id: "ClientConductFact" });
export type ClientConductPayload = z.infer<typeof clientConductPayload>;
