import { z } from "zod";
import { interactionDirectionSchema, interactionInitiatorSchema, interactionKindSchema } from "./interactions.schemas.ts";

/**
 * The domain events interactions publish (ARCHITECTURE.md, "domain events").
 * The payload is this module's public word on what happened: the timeline
 * shows it and the trust ledger turns the two client signals into evidence,
 * without reading the interactions table.
 */
export const INTERACTION_LOGGED = "interaction.logged";

/**
 * `interaction.logged`: published in the transaction that stores the
 * interaction. The event's id is the interaction's id, its subject the
 * interaction, its client the interaction's client, its actor who logged it,
 * and it occurred when the interaction took place (not when it was logged).
 */
export const interactionLoggedPayload = z
  .object({
    interactionId: z.string(),
    kind: interactionKindSchema,
    direction: interactionDirectionSchema,
    initiatedBy: interactionInitiatorSchema,
    summary: z.string(),
    contactId: z.string().nullable(),
    clientRaisedProblem: z.boolean().meta({ description: "The client raised a problem or challenge on their own initiative." }),
    clientInvitation: z.boolean().meta({ description: "The client invited us to their own event." }),
  })
  .meta({ id: "InteractionLoggedEvent" });
export type InteractionLoggedPayload = z.infer<typeof interactionLoggedPayload>;
