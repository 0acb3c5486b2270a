import { z } from "zod";
import { localDate, uuid } from "../../shared/fields.ts";

/**
 * The firm's rate card (role → hourly rate from a day, with its history), the
 * fairness band, and the fairness of contract lines against the card
 * (PRODUCT.md C7, issue 11 item 5). Money is whole cents; percentages unrounded.
 */
export const FAIRNESS_FLAGS = ["above_card", "below_card", "inconsistent", "no_card"] as const;

export const createRateBody = z
  .strictObject({
    role: z.string().trim().min(1).max(100).meta({ description: "A free-text role label, e.g. 'Senior adviseur' or 'Partner'." }),
    hourlyRateCents: z.number().int().min(1).max(100_000_000).meta({ description: "The hourly rate in cents (whole, more than zero)." }),
    validFrom: localDate.meta({ description: "The first day the rate applies (YYYY-MM-DD); a later rate for the role follows it." }),
  })
  .meta({ id: "NewRateCardRate" });
export type CreateRateInput = z.infer<typeof createRateBody>;

export const bandBody = z
  .strictObject({
    abovePct: z.number().min(0).max(1000).meta({ description: "Flag a price more than this many percent above the card." }),
    belowPct: z.number().min(0).max(100).meta({ description: "Flag a price more than this many percent below the card." }),
  })
  .meta({ id: "SetFairnessBand" });
export type BandInput = z.infer<typeof bandBody>;

export const rateParams = z.strictObject({ id: uuid });
export const reasonParams = z.strictObject({ contractId: uuid, lineId: uuid });
export const reasonBody = z
  .strictObject({ reason: z.string().trim().min(1).max(2000).meta({ description: "Why the line is priced as it is." }) })
  .meta({ id: "RecordFairnessReason" });

export const bandSchema = z
  .object({
    abovePct: z.number(),
    belowPct: z.number(),
    isDefault: z.boolean().meta({ description: "True while the organization keeps the default (15 % / 15 %)." }),
  })
  .meta({ id: "FairnessBand" });
export type Band = z.infer<typeof bandSchema>;

export const rateSchema = z
  .object({
    id: uuid,
    role: z.string(),
    hourlyRateCents: z.number().int(),
    validFrom: z.string(),
    supersededFrom: z.string().nullable().meta({ description: "The valid-from of the role's next rate; null for the latest." }),
    current: z.boolean().meta({ description: "The role's rate today (in the organization's time zone)." }),
  })
  .meta({ id: "RateCardRate" });
export type Rate = z.infer<typeof rateSchema>;

export const rateCardSchema = z
  .object({
    today: z.string(),
    items: z.array(rateSchema).meta({ description: "Every rate, current and past, by role then valid-from (newest first)." }),
    band: bandSchema,
  })
  .meta({ id: "RateCard" });
export type RateCard = z.infer<typeof rateCardSchema>;

export const fairnessLineSchema = z.object({
  contractId: uuid,
  contractTitle: z.string(),
  clientId: uuid,
  clientName: z.string(),
  startsOn: z.string().meta({ description: "The contract's start: the card rate is the one valid on this day." }),
  lineId: uuid,
  role: z.string(),
  hourlyRateCents: z.number().int(),
  hoursPerYear: z.number(),
  annualCents: z.number().int(),
  card: z.object({ id: uuid, role: z.string(), hourlyRateCents: z.number().int(), validFrom: z.string() }).nullable(),
  differenceCents: z.number().int().nullable().meta({ description: "Hourly rate − card rate, in cents." }),
  differencePct: z.number().nullable().meta({ description: "(rate − card) ÷ card × 100, unrounded." }),
  annualDifferenceCents: z.number().int().nullable().meta({ description: "The hourly difference × hours a year, rounded to the cent." }),
  flags: z.array(z.enum(FAIRNESS_FLAGS)),
  inconsistentWith: z.array(
    z.object({ contractId: uuid, lineId: uuid, clientId: uuid, clientName: z.string(), hourlyRateCents: z.number().int() }),
  ),
  reason: z.object({ text: z.string(), recordedAt: z.string(), recordedBy: z.string().nullable() }).nullable(),
});

export type FairnessLine = z.infer<typeof fairnessLineSchema>;

export const fairnessSchema = z
  .object({
    band: bandSchema,
    items: z.array(fairnessLineSchema).meta({ description: "Every contract line; flagged ones have flags." }),
    flaggedCount: z.number().int(),
  })
  .meta({ id: "Fairness" });
export type Fairness = z.infer<typeof fairnessSchema>;

export const fairnessQuery = z.strictObject({
  flagged: z.enum(["true", "false"]).optional().meta({ description: "true: only lines with a flag." }),
});

export const reasonSchema = z
  .object({ contractId: uuid, lineId: uuid, reason: z.string(), recordedAt: z.string() })
  .meta({ id: "FairnessReason" });
