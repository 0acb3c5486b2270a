import { z } from "zod";
import { TIMELINE_GROUPS, type TimelineGroup } from "../../core/timeline.ts";
import { cursorParam, pageLimit, uuid } from "../../shared/fields.ts";

/**
 * One client's history in one list: interactions, commitment events,
 * callbacks, pulse answers and evidence, read from the domain events.
 */
export const timelineGroupSchema = z.enum([...TIMELINE_GROUPS, "other"]).meta({
  description:
    "interactions (interaction.*), commitments (commitment.*, not callbacks), callbacks (callback.* and the facts of callbacks), incidents (incident.*), pulse (pulse.*), evidence (evidence.*, trust.*); " +
    "other: any producer not (yet) in a group.",
});

export const timelineQuery = z.strictObject({
  types: z
    .string()
    .max(200)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return undefined;
      const parts = value.split(",").map((part) => part.trim());
      const valid = parts.filter((part): part is TimelineGroup => (TIMELINE_GROUPS as readonly string[]).includes(part));
      if (valid.length !== parts.length) {
        ctx.addIssue({ code: "custom", message: `one or more of ${TIMELINE_GROUPS.join(", ")}` });
        return z.NEVER;
      }
      return [...new Set(valid)];
    })
    .meta({
      description: `Only these groups, separated by commas: ${TIMELINE_GROUPS.join(", ")}. Default: everything.`,
      example: "interactions,commitments",
    }),
  limit: pageLimit,
  cursor: cursorParam,
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

const person = z.object({ id: z.string(), name: z.string() });

export const timelineItemSchema = z
  .object({
    id: z.string().meta({ description: "The domain event's id (for interaction.logged: the interaction's id)." }),
    type: z
      .string()
      .meta({ description: "The domain event's type, e.g. interaction.logged, commitment.kept.", example: "interaction.logged" }),
    group: timelineGroupSchema,
    occurredAt: z.string().meta({ description: "When it happened (not when it was recorded)." }),
    actor: person.nullable().meta({ description: "Who did it; null for the system or the client." }),
    contact: person.nullable().meta({ description: "The client's contact it was with, when the event names one that still exists." }),
    title: z.string().nullable().meta({ description: "The event's title or summary, when it has one." }),
    source: z
      .object({ type: z.string(), id: z.string() })
      .meta({ description: "The record the event is about, e.g. { type: 'interaction', id }." }),
    payload: z.record(z.string(), z.unknown()).meta({
      description: "The event's documented payload (e.g. InteractionLoggedEvent), for what the list shows beyond the title.",
    }),
  })
  .meta({ id: "TimelineItem" });
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const timelineSchema = z
  .object({
    items: z.array(timelineItemSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .meta({ id: "Timeline" });
export type Timeline = z.infer<typeof timelineSchema>;

export const timelineParams = z.strictObject({ id: uuid });
