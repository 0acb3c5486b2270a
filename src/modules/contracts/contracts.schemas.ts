import { z } from "zod";
import { dateTime, localDate, uuid } from "../../shared/fields.ts";

/**
 * Contracts with an indexation clause and the red-face audit of what was
 * charged (PRODUCT.md C7): the API's shapes. Money is whole cents;
 * percentages are unrounded numbers.
 */
export const INDEXATION_METHODS = ["yoy", "fixed_base", "annual_average"] as const;
export const RAISED_BY = ["us", "client"] as const;
export const RENEWALS = ["none", "auto", "by_agreement"] as const;

const cents = z.number().int().min(0).max(1_000_000_000_000).meta({ description: "An amount in euro cents (whole, not negative)." });
const pct = z.number().min(-100).max(1000).meta({ description: "A percentage, e.g. 2.5 for 2.5 %." });

export const indexationSchema = z
  .strictObject({
    seriesId: uuid.meta({ description: "The index series the clause follows (GET /api/v1/index-series)." }),
    method: z.enum(INDEXATION_METHODS).meta({
      description:
        "yoy: the lagged month against the same month a year earlier; fixed_base: against the base period; annual_average: the previous calendar year's change.",
    }),
    lagMonths: z
      .number()
      .int()
      .min(0)
      .max(36)
      .meta({ description: "The index of this many months before the increase (4: four months before)." }),
    basePeriod: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional()
      .meta({ description: "Fixed base: the month the first increase is measured from (YYYY-MM)." }),
    effectiveMonth: z
      .number()
      .int()
      .min(1)
      .max(12)
      .optional()
      .meta({ description: "The month the yearly increase takes effect; the start month when left out." }),
    capPct: pct.optional(),
    floorPct: pct.optional(),
    roundPctDecimals: z
      .number()
      .int()
      .min(0)
      .max(6)
      .optional()
      .meta({ description: "Round each year's percentage to this many decimals; unrounded when left out." }),
  })
  .refine((clause) => clause.capPct === undefined || clause.floorPct === undefined || clause.capPct >= clause.floorPct, {
    message: "cap below floor",
    path: ["capPct"],
  })
  .meta({ id: "IndexationClause" });

export const contractLineBody = z
  .strictObject({
    role: z.string().trim().min(1).max(100).meta({ description: "The role as on the rate card, e.g. 'Senior adviseur'." }),
    hourlyRateCents: cents.meta({ description: "The hourly rate charged, in cents." }),
    hoursPerYear: z.number().positive().max(100_000).meta({ description: "Hours a year the rate is charged for." }),
  })
  .meta({ id: "NewContractLine" });

export const createContractBody = z
  .strictObject({
    clientId: uuid,
    title: z.string().trim().min(1).max(200),
    startsOn: localDate.meta({ description: "The day the contract starts (YYYY-MM-DD)." }),
    annualPriceCents: cents.meta({ description: "The price a year at the start, in cents." }),
    indexation: indexationSchema.nullable().optional(),
    termMonths: z.number().int().min(1).max(600).optional().meta({ description: "The term in months." }),
    renewal: z
      .enum(RENEWALS)
      .optional()
      .meta({ description: "none: ends after the term; auto: renews itself; by_agreement: renews when both agree." }),
    lines: z
      .array(contractLineBody)
      .max(50)
      .optional()
      .meta({ description: "Lines priced as an hourly rate × hours a year (checked against the rate card)." }),
  })
  .meta({ id: "CreateContract" });
export type CreateContractInput = z.infer<typeof createContractBody>;

export const increaseBody = z
  .strictObject({
    effectiveOn: localDate.meta({ description: "When the increase took effect (one per contract year)." }),
    appliedPct: pct.optional(),
    newPriceCents: cents.optional(),
  })
  .refine((body) => (body.appliedPct === undefined) !== (body.newPriceCents === undefined), {
    message: "either appliedPct or newPriceCents",
    path: ["appliedPct"],
  })
  .meta({ id: "ContractIncrease" });
export type IncreaseInput = z.infer<typeof increaseBody>;

export const correctionBody = z
  .strictObject({
    raisedBy: z.enum(RAISED_BY).meta({ description: "us: we found and corrected it ourselves; client: the client raised it." }),
    refundCents: cents.meta({ description: "What is refunded or credited, in cents." }),
    note: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .meta({ description: "A note, or the letter sent to the client (GET /contracts/:id/correction-letter drafts one)." }),
  })
  .meta({ id: "ContractCorrection" });
export type CorrectionInput = z.infer<typeof correctionBody>;

export const contractParams = z.strictObject({ id: uuid });
export const contractListQuery = z.strictObject({ clientId: uuid.optional() });

export const contractSchema = z
  .object({
    id: uuid,
    clientId: uuid,
    clientName: z.string(),
    title: z.string(),
    startsOn: z.string(),
    annualPriceCents: z.number().int(),
    termMonths: z.number().int().nullable(),
    renewal: z.enum(RENEWALS).nullable(),
    lines: z.array(
      z.object({
        id: uuid,
        role: z.string(),
        hourlyRateCents: z.number().int(),
        hoursPerYear: z.number(),
        annualCents: z.number().int().meta({ description: "Hourly rate × hours a year, rounded to the cent." }),
      }),
    ),
    indexation: z
      .object({
        seriesId: uuid,
        method: z.enum(INDEXATION_METHODS),
        lagMonths: z.number().int(),
        basePeriod: z.string().nullable(),
        effectiveMonth: z.number().int().nullable(),
        capPct: z.number().nullable(),
        floorPct: z.number().nullable(),
        roundPctDecimals: z.number().int().nullable(),
      })
      .nullable(),
    increases: z.array(
      z.object({
        year: z.number().int(),
        effectiveOn: z.string(),
        appliedPct: z.number().nullable(),
        newPriceCents: z.number().int().nullable(),
      }),
    ),
    corrections: z.array(
      z.object({
        id: uuid,
        raisedBy: z.enum(RAISED_BY),
        refundCents: z.number().int(),
        auditedOverchargeCents: z.number().int(),
        note: z.string().nullable(),
        recordedAt: z.string(),
      }),
    ),
    createdAt: z.string(),
  })
  .meta({ id: "Contract" });
export type Contract = z.infer<typeof contractSchema>;
export const contractListSchema = z.object({ items: z.array(contractSchema) }).meta({ id: "ContractList" });

const figureSchema = z.object({
  period: z.string(),
  value: z.number().nullable(),
  changePct: z.number().nullable(),
  provisional: z.boolean(),
  revisedFrom: z.number().nullable(),
  source: z.string().nullable(),
});

export const auditSchema = z
  .object({
    contractId: uuid,
    until: z.string().meta({ description: "The audit covers increases that took effect up to this day." }),
    series: z.object({ id: uuid, name: z.string(), code: z.string().nullable() }),
    years: z.array(
      z.object({
        effectiveOn: z.string(),
        allowedPct: z.number().nullable(),
        appliedPct: z.number().nullable(),
        allowedPriceCents: z.number().int().nullable(),
        chargedPriceCents: z.number().int(),
        overchargeCents: z.number().int().nullable(),
        appliedRecorded: z.boolean(),
        figures: z.array(figureSchema),
        missing: z.array(z.string()),
        blockedBy: z.string().nullable(),
        capped: z.boolean(),
        floored: z.boolean(),
        provisional: z.boolean(),
        revised: z.boolean(),
      }),
    ),
    totalOverchargeCents: z.number().int(),
    complete: z.boolean(),
    correctedCents: z.number().int().meta({ description: "Refunded or credited so far (corrections)." }),
  })
  .meta({ id: "ContractAudit" });
export type ContractAudit = z.infer<typeof auditSchema>;

export const correctionSchema = z
  .object({
    id: uuid,
    contractId: uuid,
    raisedBy: z.enum(RAISED_BY),
    refundCents: z.number().int(),
    auditedOverchargeCents: z.number().int(),
    recordedAt: dateTime,
  })
  .meta({ id: "ContractCorrectionRecorded" });

export const LETTER_LANGUAGES = ["nl", "en"] as const;
export const correctionLetterQuery = z.strictObject({
  language: z.enum(LETTER_LANGUAGES).optional().meta({ description: "Default: the organization's language." }),
  refundCents: z.coerce.number().int().min(0).max(1_000_000_000_000).optional().meta({
    description: "What we will refund or credit, in cents. Default: what the audit finds charged too much and not yet corrected.",
  }),
});
export type CorrectionLetterQuery = z.infer<typeof correctionLetterQuery>;

export const correctionLetterSchema = z
  .object({
    language: z.enum(LETTER_LANGUAGES),
    refundCents: z.number().int(),
    subject: z.string(),
    body: z.string(),
  })
  .meta({ id: "ContractCorrectionLetter" });
export type CorrectionLetter = z.infer<typeof correctionLetterSchema>;

export const contractsImportSchema = z
  .object({
    imported: z.number().int().meta({ description: "How many contracts the file created." }),
    contracts: z.array(uuid).meta({ description: "Their ids, in the file's order." }),
  })
  .meta({ id: "ContractsImported" });
