import { z } from "zod";
import { dateTime, uuid } from "../../shared/fields.ts";

/**
 * How the client keeps its side of the relationship (PRODUCT.md C6, "two-way"):
 * what the firm observes of the client, kept apart from the trust ledger's
 * scores of our own conduct.
 */
export const CONDUCT_ASPECTS = ["pays_on_time", "keeps_appointments", "treats_staff_with_respect", "provides_information"] as const;
export type ConductAspect = (typeof CONDUCT_ASPECTS)[number];

export const conductAspectSchema = z
  .enum(CONDUCT_ASPECTS)
  .meta({ id: "ConductAspect", description: "pays_on_time, keeps_appointments, treats_staff_with_respect or provides_information." });

export const conductBody = z
  .strictObject({
    aspect: conductAspectSchema,
    direction: z.enum(["positive", "negative"]).meta({ description: "Whether the client kept its side this time." }),
    note: z.string().trim().min(3).max(2000).meta({ description: "What happened, in a sentence." }),
    occurredAt: dateTime.optional().meta({ description: "When it happened (default now); not in the future." }),
  })
  .meta({ id: "RecordClientConduct" });
export type ConductInput = z.infer<typeof conductBody>;

export const conductItemSchema = z
  .object({
    id: uuid,
    clientId: uuid,
    aspect: conductAspectSchema,
    direction: z.enum(["positive", "negative"]),
    note: z.string(),
    occurredAt: z.string(),
    recordedAt: z.string(),
    recordedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: "ClientConduct" });
export type ConductItem = z.infer<typeof conductItemSchema>;

const aspectSummary = z.object({
  positive: z.number().int(),
  negative: z.number().int(),
  last: z
    .object({ direction: z.enum(["positive", "negative"]), occurredAt: z.string() })
    .nullable()
    .meta({ description: "The most recent observation of this aspect, or null." }),
});

export const conductListSchema = z
  .object({
    aspects: z.object({
      pays_on_time: aspectSummary,
      keeps_appointments: aspectSummary,
      treats_staff_with_respect: aspectSummary,
      provides_information: aspectSummary,
    }),
    items: z.array(conductItemSchema).meta({ description: "The most recent observations first (at most 100)." }),
  })
  .meta({ id: "ClientConductList", description: "How the client keeps its side; never part of the trust scores." });
export type ConductList = z.infer<typeof conductListSchema>;
