import { z } from "zod";
import { INITIATED_BY, STAGES } from "../../core/engagements/stages.ts";
import { dateTime, userId, uuid } from "../../shared/fields.ts";

/**
 * Engagements and their needs analysis (PRODUCT.md C4): the API's shapes.
 * Money is whole cents; values are hidden (null) from the front desk.
 */
export const ENGAGEMENT_STAGES = [...STAGES, "declined"] as const;
export const RESOLVED_BY = ["dialogue", "concession", "contract"] as const;
export const PULL_GROUP_BY = ["client", "owner", "team"] as const;

const cents = z.number().int().min(0).max(1_000_000_000_000).meta({ description: "An amount in euro cents (whole, not negative)." });
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const engagementParams = z.object({ id: uuid });

export const createEngagementBody = z.strictObject({
  clientId: uuid,
  title: text(200),
  request: text(5000).meta({ description: "The request in the client's own words (the perceived need)." }),
  initiatedBy: z.enum(INITIATED_BY).meta({ description: "client: the client asked; us: we proposed it." }),
  ownerId: userId,
  teamId: uuid.optional(),
  valueCents: cents.optional(),
});
export type CreateEngagementInput = z.infer<typeof createEngagementBody>;

export const engagementListQuery = z.object({
  clientId: uuid.optional(),
  ownerId: userId.optional(),
  teamId: uuid.optional(),
  stage: z.enum(ENGAGEMENT_STAGES).optional(),
});
export type EngagementListQuery = z.infer<typeof engagementListQuery>;

export const analysisBody = z.strictObject({
  realNeed: text(5000).meta({ description: "The analysed real need, which may differ from the request." }),
  rootCauses: text(5000),
  risks: text(5000),
  advice: text(5000).meta({ description: "The advice given to the client." }),
  stakeholders: optionalText(5000),
  successLooksLike: optionalText(5000).meta({ description: "What success looks like for the client." }),
  secondLook: z
    .boolean()
    .optional()
    .meta({ description: "Ticked: the proposal answers the real need, not only the stated one. Required before contracting." }),
});
export type AnalysisInput = z.infer<typeof analysisBody>;

export const stageBody = z.strictObject({
  stage: z.enum(STAGES).meta({ description: "The next stage; declining has its own route." }),
});

export const declineBody = z.strictObject({
  reason: text(2000).meta({ description: "Why we decline: we cannot do it well, or it is not in the client's interest." }),
  referral: optionalText(2000).meta({ description: "Someone better placed we referred the client to." }),
  revenueForgoneCents: cents.optional().meta({ description: "The revenue we give up; the engagement's value when left out." }),
});
export type DeclineInput = z.infer<typeof declineBody>;

export const adviceBody = z.strictObject({
  advice: text(5000),
  againstOwnRevenue: z.boolean().default(true).meta({ description: "The advice costs us revenue (don't buy this from us)." }),
  revenueForgoneCents: cents.optional(),
});
export type AdviceInput = z.infer<typeof adviceBody>;

export const disagreementBody = z.strictObject({
  summary: text(2000),
  resolvedBy: z.enum(RESOLVED_BY).meta({
    description: "dialogue, a concession, or by pointing at the contract (the last is negative Intent evidence).",
  }),
});
export type DisagreementInput = z.infer<typeof disagreementBody>;

export const adviceSchema = z.object({
  id: uuid,
  advice: z.string(),
  againstOwnRevenue: z.boolean(),
  revenueForgoneCents: z.number().nullable(),
  recordedAt: dateTime,
});
export const disagreementSchema = z.object({
  id: uuid,
  summary: z.string(),
  resolvedBy: z.enum(RESOLVED_BY),
  recordedAt: dateTime,
});

export const engagementSchema = z
  .object({
    id: uuid,
    clientId: uuid,
    clientName: z.string(),
    title: z.string(),
    request: z.string(),
    initiatedBy: z.enum(INITIATED_BY),
    ownerId: z.string(),
    ownerName: z.string().nullable(),
    teamId: uuid.nullable(),
    teamName: z.string().nullable(),
    valueCents: z.number().nullable().meta({ description: "Null for the front desk." }),
    stage: z.enum(ENGAGEMENT_STAGES),
    stageChangedAt: dateTime,
    nextStage: z.enum(STAGES).nullable(),
    analysis: z
      .object({
        realNeed: z.string(),
        rootCauses: z.string(),
        risks: z.string(),
        advice: z.string(),
        stakeholders: z.string().nullable(),
        successLooksLike: z.string().nullable(),
        secondLook: z.boolean(),
        recordedAt: dateTime,
      })
      .nullable(),
    canContract: z.boolean().meta({ description: "The gate is open: analysis recorded and second look ticked." }),
    decline: z.object({ reason: z.string(), referral: z.string().nullable(), declinedAt: dateTime }).nullable(),
    adviceGiven: z.array(adviceSchema),
    disagreements: z.array(disagreementSchema),
    createdAt: dateTime,
  })
  .meta({ id: "Engagement" });
export type Engagement = z.infer<typeof engagementSchema>;

export const engagementListSchema = z.object({ items: z.array(engagementSchema) });

export const pullRatioQuery = z.object({ groupBy: z.enum(PULL_GROUP_BY).default("team") });
const quarterSchema = z.object({
  quarter: z.string(),
  clientInitiated: z.number(),
  weInitiated: z.number(),
  ratio: z.number().nullable(),
});
export const pullRatioSchema = z.object({
  groupBy: z.enum(PULL_GROUP_BY),
  groups: z.array(
    z.object({
      id: z.string().nullable().meta({ description: "The client's, owner's or team's id; null: engagements without a team." }),
      name: z.string().nullable(),
      clientInitiated: z.number(),
      weInitiated: z.number(),
      ratio: z.number().nullable().meta({ description: "Share the client initiated, 0–1; null without engagements." }),
      quarters: z.array(quarterSchema),
      falling: z.boolean().meta({ description: "The ratio fell by ten points or more between the last two quarters: a warning." }),
    }),
  ),
});
