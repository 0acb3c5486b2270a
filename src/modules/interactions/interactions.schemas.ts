import { z } from "zod";
import { cursorParam, dateTime, pageLimit, uuid } from "../../shared/fields.ts";
import { suggestionListSchema } from "../suggestions/suggestions.schemas.ts";

/**
 * An interaction is one contact moment with a client: a call, a meeting, an
 * e-mail, a note or a portal message, with who started it. Interactions are
 * append-only: what was said is evidence, so a correction is a new note.
 */
export const INTERACTION_KINDS = ["call", "meeting", "email", "note", "portal"] as const;
export const interactionKindSchema = z
  .enum(INTERACTION_KINDS)
  .meta({ description: "call, meeting, email, note (written down by us) or portal (a message through the client portal)." });
export type InteractionKind = z.infer<typeof interactionKindSchema>;

export const INTERACTION_DIRECTIONS = ["inbound", "outbound", "internal"] as const;
export const interactionDirectionSchema = z.enum(INTERACTION_DIRECTIONS).meta({
  description:
    "inbound: the client reached us (a call we took, an e-mail or portal message we received); " +
    "outbound: we reached the client (a call we made, an e-mail we sent); " +
    "internal: among ourselves about the client (a note, an internal meeting), the client not present.",
});
export type InteractionDirection = z.infer<typeof interactionDirectionSchema>;

export const INTERACTION_INITIATORS = ["client", "us"] as const;
export const interactionInitiatorSchema = z.enum(INTERACTION_INITIATORS).meta({
  description:
    "Who started the contact: the client (on their own initiative) or us. Independent of direction: " +
    "we call back (outbound) because the client asked (client).",
});
export type InteractionInitiator = z.infer<typeof interactionInitiatorSchema>;

/** Longer than any e-mail a person writes; a pasted mailbox is refused, not cut. */
export const MAX_BODY_LENGTH = 100_000;
export const MAX_SUMMARY_LENGTH = 300;
/** How far ahead of the server's clock an interaction may be dated: clocks of laptops and phones drift. */
export const CLOCK_SKEW_MS = 60_000;

export const logInteractionBody = z
  .strictObject({
    clientId: uuid,
    contactId: uuid.nullable().optional().meta({ description: "The client's contact spoken to or written with." }),
    kind: interactionKindSchema,
    direction: interactionDirectionSchema,
    initiatedBy: interactionInitiatorSchema,
    occurredAt: dateTime.optional().meta({
      description:
        "When it took place; not later than now (a minute of clock difference is allowed). Left out, it is the server's now — what a form that keeps its default sends, so a client whose clock runs ahead is never refused.",
      example: "2026-11-24T14:00:00+01:00",
    }),
    summary: z
      .string()
      .trim()
      .min(1)
      .max(MAX_SUMMARY_LENGTH)
      .meta({ description: `One line: what it was about (at most ${MAX_SUMMARY_LENGTH} characters).` }),
    body: z
      .string()
      .trim()
      .max(MAX_BODY_LENGTH)
      .nullable()
      .optional()
      .meta({ description: `The notes or the e-mail text, at most ${MAX_BODY_LENGTH.toLocaleString("en")} characters.` }),
    clientRaisedProblem: z.boolean().optional().meta({
      description: "The client raised a problem or challenge on their own initiative (a sign they trust our character).",
    }),
    clientInvitation: z.boolean().optional().meta({ description: "The client invited us to their own event." }),
  })
  .meta({ id: "LogInteraction" });
export type LogInteractionInput = z.infer<typeof logInteractionBody>;

const person = z.object({ id: z.string(), name: z.string() });

export const interactionSchema = z
  .object({
    id: z.string(),
    clientId: z.string(),
    contact: person.nullable().meta({ description: "Null when none was named, or the contact was removed since." }),
    kind: interactionKindSchema,
    direction: interactionDirectionSchema,
    initiatedBy: interactionInitiatorSchema,
    occurredAt: z.string(),
    summary: z.string(),
    body: z.string().nullable(),
    clientRaisedProblem: z.boolean(),
    clientInvitation: z.boolean(),
    loggedBy: person.nullable().meta({ description: "Who logged it." }),
    createdAt: z.string().meta({ description: "When it was logged." }),
  })
  .meta({ id: "Interaction" });
export type Interaction = z.infer<typeof interactionSchema>;

export const loggedInteractionSchema = interactionSchema
  .extend({
    suggestions: suggestionListSchema.meta({
      description:
        "Promises by us found in the text (see POST /commitments/suggestions), to offer as commitments to confirm; nothing is recorded. " +
        "Of an inbound e-mail or portal message only the summary is read: its body holds the client's words, not ours.",
    }),
  })
  .meta({ id: "LoggedInteraction" });
export type LoggedInteraction = z.infer<typeof loggedInteractionSchema>;

export const interactionListSchema = z
  .object({
    items: z.array(interactionSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .meta({ id: "InteractionList" });
export type InteractionList = z.infer<typeof interactionListSchema>;

export const listInteractionsQuery = z.strictObject({ limit: pageLimit, cursor: cursorParam });
export type ListInteractionsQuery = z.infer<typeof listInteractionsQuery>;

export const interactionIdParams = z.strictObject({ id: uuid });
export const clientIdParams = z.strictObject({ id: uuid });
