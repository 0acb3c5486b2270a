import { z } from "zod";
import { uuid } from "../../shared/fields.ts";
import { trustCoreSchema } from "./trust.schemas.ts";

const answer = z.number().int().min(1).max(5);

export const selfAssessmentBody = z
  .strictObject({
    integrity: answer.meta({ description: "“I do what I say” — 1 (hardly) to 5 (always)." }),
    intent: answer.meta({ description: "“I put the client's interest first” — 1 to 5." }),
    capabilities: answer.meta({ description: "“I have the knowledge and skills the work needs” — 1 to 5." }),
    results: answer.meta({ description: "“I deliver what the client needs” — 1 to 5." }),
    note: z.string().trim().max(2000).optional().meta({ description: "A word to your later self (only you see it)." }),
  })
  .meta({ id: "SelfAssessment" });
export type SelfAssessmentInput = z.infer<typeof selfAssessmentBody>;

const storedSelfAssessment = z.object({
  id: uuid,
  integrity: z.number().int(),
  intent: z.number().int(),
  capabilities: z.number().int(),
  results: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type StoredSelfAssessment = z.infer<typeof storedSelfAssessment>;

export const selfAssessmentsSchema = z
  .object({
    latest: storedSelfAssessment.nullable(),
    previous: storedSelfAssessment.nullable().meta({ description: "The assessment before the latest, to see what changed." }),
  })
  .meta({ id: "SelfAssessments" });
export type SelfAssessments = z.infer<typeof selfAssessmentsSchema>;

const coreReading = z.object({
  score: z.number().meta({ description: "(r+1)/(r+s+2) over this evidence, unrounded." }),
  uncertainty: z.number(),
  r: z.number(),
  s: z.number(),
  evidenceCount: z.number().int(),
});
const coreReadings = z.object({ integrity: coreReading, intent: coreReading, capabilities: coreReading, results: coreReading });

const lagSchema = z
  .object({
    character: z.number().meta({ description: "The mean of Integrity and Intent (0–1)." }),
    competence: z.number().meta({ description: "The mean of Capabilities and Results (0–1)." }),
    gap: z.number().meta({ description: "competence − character: above zero, character lags." }),
    characterLags: z.boolean().meta({ description: "The gap is at least 0.1." }),
  })
  .meta({ id: "CharacterCompetenceLag" });
export type Lag = z.infer<typeof lagSchema>;

const comparedCore = z.object({
  evidence: z.number(),
  self: z.number().nullable().meta({ description: "The latest self-assessment mapped to 0–1 as (x−1)/4." }),
  difference: z.number().nullable().meta({ description: "self − evidence: above zero, one sees oneself higher." }),
});

const kindCounts = z.record(z.string(), z.number().int()).meta({ description: "Per kind of evidence: how many facts." });

export const trustProfileSchema = z
  .object({
    asOf: z.string(),
    halfLifeDays: z.number().int(),
    cores: coreReadings.meta({ description: "One's own evidence across all clients, per core, decayed to now." }),
    kinds: kindCounts,
    recent: z.array(
      z.object({
        id: uuid,
        core: trustCoreSchema,
        kind: z.string(),
        occurredAt: z.string(),
        weight: z.number(),
        client: z.object({ id: uuid, name: z.string() }),
        label: z.string().nullable(),
        explanation: z.string(),
      }),
    ),
    selfAssessment: selfAssessmentsSchema,
    comparison: z.object({
      cores: z.object({ integrity: comparedCore, intent: comparedCore, capabilities: comparedCore, results: comparedCore }),
      evidence: lagSchema,
      self: lagSchema.nullable(),
    }),
  })
  .meta({ id: "TrustProfile", description: "Private: only ever the signed-in person's own profile." });
export type TrustProfile = z.infer<typeof trustProfileSchema>;

export const teamTrustProfileSchema = z
  .object({
    teamId: uuid,
    available: z.boolean().meta({ description: "False when fewer than `minimumMembers` members have evidence: nothing else is shown." }),
    minimumMembers: z.number().int(),
    membersWithEvidence: z.number().int().nullable(),
    cores: coreReadings.nullable(),
    kinds: kindCounts.nullable(),
    lag: lagSchema.nullable(),
  })
  .meta({ id: "TeamTrustProfile", description: "The team's evidence together: no per-person numbers, no self-assessments." });
export type TeamTrustProfile = z.infer<typeof teamTrustProfileSchema>;
