import { z } from "zod";
import { dateTime, uuid } from "../../shared/fields.ts";

/**
 * Working time of an organization (business hours, time zone, public holidays)
 * and its SLA policies ("callback within 4 working hours").
 */
const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM")
  .meta({ description: "Local wall-clock time, 24-hour HH:MM.", example: "09:00" });

export const businessDaySchema = z
  .strictObject({ start: clockTime, end: clockTime })
  .refine((day) => day.end > day.start, { message: "end must be after start", path: ["end"] });

const weekdays = ["1", "2", "3", "4", "5", "6", "7"] as const;
export const businessHoursSchema = z
  .strictObject(
    Object.fromEntries(weekdays.map((day) => [day, businessDaySchema.nullable().optional()])) as Record<
      (typeof weekdays)[number],
      z.ZodOptional<z.ZodNullable<typeof businessDaySchema>>
    >,
  )
  .meta({ description: "Per ISO weekday (1 = Monday … 7 = Sunday): opening hours, or null when closed." });

export const languageSchema = z.enum(["nl", "en"]);
export type Language = z.infer<typeof languageSchema>;

export const holidaySchema = z.object({
  key: z.string(),
  date: z.string().meta({ description: "YYYY-MM-DD" }),
  name: z.object({ nl: z.string(), en: z.string() }),
  closedByDefault: z.boolean(),
  closed: z.boolean(),
});

export const workingTimeSchema = z
  .object({
    timeZone: z.string().meta({ example: "Europe/Amsterdam" }),
    businessHours: businessHoursSchema,
    holidayCountry: z.string(),
    holidayRegion: z.string().nullable(),
    holidayChoices: z.record(z.string(), z.boolean()),
    language: languageSchema.meta({ description: "Language of e-mails to clients and of reminders." }),
    version: z.number().int(),
    holidays: z.array(holidaySchema).meta({ description: "This year's and next year's public holidays with the firm's choice." }),
  })
  .meta({ id: "WorkingTime" });
export type WorkingTime = z.infer<typeof workingTimeSchema>;

export const updateWorkingTimeBody = z
  .strictObject({
    timeZone: z.string().trim().min(1).max(64),
    businessHours: businessHoursSchema,
    holidayCountry: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, "two capital letters"),
    holidayRegion: z.string().trim().max(10).nullable().optional(),
    holidayChoices: z.record(z.string().max(80), z.boolean()).refine((choices) => Object.keys(choices).length <= 100),
    language: languageSchema,
    version: z.number().int().min(1).meta({ description: "The version you read; a newer one answers 409." }),
  })
  .meta({ id: "UpdateWorkingTime" });
export type UpdateWorkingTimeInput = z.infer<typeof updateWorkingTimeBody>;

export const commitmentKindSchema = z
  .enum(["callback", "deliverable", "meeting", "other"])
  .meta({ description: "What kind of promise: a callback, something delivered, a meeting, or other." });
export const durationUnitSchema = z.enum(["working_hours", "working_days"]);

export const slaPolicySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: commitmentKindSchema,
    amount: z.number().int(),
    unit: durationUnitSchema,
    warnPercent: z.number().int(),
    isDefault: z.boolean(),
  })
  .meta({ id: "SlaPolicy" });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;
export const slaPolicyListSchema = z.object({ items: z.array(slaPolicySchema) }).meta({ id: "SlaPolicyList" });

/**
 * The most working hours or days one promise, policy or computation may ask for.
 * With at least an hour a week of working time (the minimum), 1,000 lies at most
 * about 20 years ahead: the work a computation does stays bounded.
 */
export const MAX_WORKING_AMOUNT = 1000;
const amount = z.number().int().min(1).max(MAX_WORKING_AMOUNT);
export const createSlaPolicyBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    kind: commitmentKindSchema,
    amount,
    unit: durationUnitSchema,
    warnPercent: z.number().int().min(1).max(99).default(75),
    isDefault: z.boolean().default(false),
  })
  .meta({ id: "CreateSlaPolicy" });
export type CreateSlaPolicyInput = z.infer<typeof createSlaPolicyBody>;
export const updateSlaPolicyBody = createSlaPolicyBody.partial().meta({ id: "UpdateSlaPolicy" });
export type UpdateSlaPolicyInput = z.infer<typeof updateSlaPolicyBody>;
export const slaPolicyParams = z.strictObject({ id: uuid });

export const slaOverrideSchema = z
  .object({ policyId: z.string(), policyName: z.string(), amount: z.number().int(), unit: durationUnitSchema })
  .meta({ id: "ClientSlaOverride" });
export const slaOverrideListSchema = z.object({ items: z.array(slaOverrideSchema) }).meta({ id: "ClientSlaOverrideList" });
export const slaOverrideParams = z.strictObject({ id: uuid, policyId: uuid });
export const slaOverrideBody = z.strictObject({ amount, unit: durationUnitSchema }).meta({ id: "ClientSlaOverrideBody" });

export const computeDueBody = z
  .strictObject({
    from: dateTime.optional().meta({ description: "Start; default now." }),
    amount: amount.optional(),
    unit: durationUnitSchema.optional(),
    slaPolicyId: uuid.optional(),
    clientId: uuid.optional().meta({ description: "Apply this client's agreed override of the policy." }),
  })
  .refine((body) => body.slaPolicyId !== undefined || (body.amount !== undefined && body.unit !== undefined), {
    message: "give slaPolicyId, or amount and unit",
    path: ["amount"],
  })
  .meta({ id: "ComputeDue" });
export type ComputeDueInput = z.infer<typeof computeDueBody>;
export const computedDueSchema = z
  .object({ dueAt: z.string(), amount: z.number(), unit: durationUnitSchema, timeZone: z.string() })
  .meta({ id: "ComputedDue" });
