import { z } from "zod";
import { TRUST_CORES } from "../../core/trust/cores.ts";
import { EVIDENCE_KINDS, MAX_WEIGHT } from "../../core/trust/weights.ts";
import { dateTime, uuid } from "../../shared/fields.ts";

export const trustCoreSchema = z
  .enum(TRUST_CORES)
  .meta({ id: "TrustCore", description: "integrity, intent (character); capabilities, results (competence)." });

const reading = z.object({
  score: z.number().meta({ description: "(r+1)/(r+s+2), unrounded." }),
  uncertainty: z.number().meta({ description: "2/(r+s+2): 1 with no evidence, smaller with more." }),
  r: z.number().meta({ description: "Decayed positive evidence as of now." }),
  s: z.number().meta({ description: "Decayed negative evidence as of now." }),
  trend: z.number().meta({ description: "Score now minus the score 30 days ago." }),
  evidenceCount: z.number().int(),
});

const readinessSchema = z.object({
  score: z.number(),
  uncertainty: z.number(),
  limitedBy: trustCoreSchema.meta({ description: "The core that holds it back (the weakest)." }),
});

export const clientTrustSchema = z
  .object({
    clientId: uuid,
    asOf: z.string(),
    halfLifeDays: z.number().int(),
    cores: z.object({ integrity: reading, intent: reading, capabilities: reading, results: reading }),
    readiness: z.object({
      shareProblems: readinessSchema.meta({ description: "Ready to share real problems: the weaker of Integrity and Intent." }),
      doBusiness: readinessSchema.meta({ description: "Ready to do business: the weakest of all four cores." }),
    }),
    perceived: z
      .object({
        integrity: z.number().nullable(),
        intent: z.number().nullable(),
        capabilities: z.number().nullable(),
        results: z.number().nullable(),
      })
      .nullable()
      .meta({ description: "The client's own view from pulse answers (1–5 averages), or null without answers." }),
    contact: z
      .object({
        lastContactAt: z.string().nullable(),
        daysSinceContact: z.number().int().nullable(),
        rhythmDays: z.number().int().meta({ description: "Expected days between contacts." }),
        rhythmFrom: z.enum(["client", "learned", "organization"]),
        clientRhythmDays: z.number().int().nullable(),
        daysBeyondRhythm: z.number().int().meta({ description: "Silence beyond the rhythm, 0 when in rhythm." }),
      })
      .meta({ description: "Contact rhythm and silence." }),
  })
  .meta({ id: "ClientTrust" });
export type ClientTrust = z.infer<typeof clientTrustSchema>;

export const evidenceItemSchema = z
  .object({
    id: uuid,
    core: trustCoreSchema,
    kind: z.string(),
    occurredAt: z.string(),
    weight: z.number().meta({ description: "As recorded: above zero positive, below zero negative." }),
    source: z.object({ type: z.string(), id: uuid }),
    contribution: z.number().meta({ description: "This item's share of its core's score: ½ plus all shares of a core is its score." }),
    explanation: z.string(),
    label: z.string().nullable(),
    note: z.string().nullable(),
    recordedBy: z.string().nullable(),
  })
  .meta({ id: "TrustEvidence" });

export const evidenceListSchema = z
  .object({
    items: z.array(evidenceItemSchema),
    /** Every counted item of the cores asked for; `items` holds one page of them. */
    total: z.number().int(),
    /** The items not on this page, summed, so 0.5 + the page's contributions + rest.contribution is still the score. */
    rest: z.object({ count: z.number().int(), contribution: z.number() }),
    cores: z.record(z.string(), z.object({ score: z.number(), r: z.number(), s: z.number() })),
  })
  .meta({ id: "TrustEvidenceList" });
export type EvidenceList = z.infer<typeof evidenceListSchema>;

export const evidenceQuery = z.strictObject({
  core: trustCoreSchema.optional(),
  sort: z.enum(["recent", "impact"]).default("recent").meta({ description: "Newest first, or largest contribution first." }),
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: "Items on this page (at most 500)." }),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).meta({ description: "Items to skip, in the chosen order." }),
});

export const historyQuery = z.strictObject({ days: z.coerce.number().int().min(7).max(730).default(180) });
export const historySchema = z
  .object({
    days: z.array(z.object({ day: z.string(), integrity: z.number(), intent: z.number(), capabilities: z.number(), results: z.number() })),
  })
  .meta({ id: "TrustHistory" });

export const observationBody = z
  .strictObject({
    core: trustCoreSchema,
    direction: z.enum(["positive", "negative"]),
    strength: z.number().int().min(1).max(3).default(1).meta({ description: "1 (a small sign) to 3 (a strong one)." }),
    reason: z
      .string()
      .trim()
      .min(3)
      .max(2000)
      .meta({ description: "What was observed, in a sentence: it is shown as the evidence's why." }),
    occurredAt: dateTime.optional().meta({ description: "When it was observed (default now); not in the future." }),
  })
  .meta({ id: "TrustObservation" });
export type ObservationInput = z.infer<typeof observationBody>;

const weightChanges = z
  .partialRecord(z.enum(EVIDENCE_KINDS), z.partialRecord(trustCoreSchema, z.number().min(0).max(MAX_WEIGHT)))
  .meta({ description: "Magnitudes per kind and core (0–10); the sign stays the default's." });

export const trustSettingsSchema = z
  .object({
    halfLifeDays: z.number().int(),
    changes: z.record(z.string(), z.record(z.string(), z.number())),
    weights: z
      .record(z.string(), z.record(z.string(), z.number()))
      .meta({ description: "The table in effect (defaults with the changes)." }),
    defaults: z.record(z.string(), z.record(z.string(), z.number())),
    version: z.number().int(),
  })
  .meta({ id: "TrustSettings" });
export type TrustSettings = z.infer<typeof trustSettingsSchema>;

export const trustSettingsBody = z
  .strictObject({
    halfLifeDays: z.number().int().min(7).max(3650),
    changes: weightChanges,
    version: z.number().int().optional(),
  })
  .meta({ id: "UpdateTrustSettings" });
export type TrustSettingsInput = z.infer<typeof trustSettingsBody>;

export const settingsPreviewSchema = z
  .object({
    clientsAffected: z.number().int(),
    changes: z.array(z.object({ clientId: uuid, clientName: z.string(), core: trustCoreSchema, before: z.number(), after: z.number() })),
  })
  .meta({ id: "TrustSettingsPreview" });
export type SettingsPreview = z.infer<typeof settingsPreviewSchema>;

export const backfillResultSchema = z
  .object({ factsPublished: z.number().int(), eventsRead: z.number().int(), evidenceRows: z.number().int() })
  .meta({ id: "TrustBackfill" });

export const atRiskQuery = z.strictObject({
  ownerId: z.string().min(1).max(100).optional().meta({ description: "Only clients this user (or `me`) is account owner of." }),
  teamId: uuid.optional(),
  includeAcknowledged: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true")
    .meta({ description: "Also clients whose reasons were acknowledged and are snoozed." }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const evidenceRef = z.object({
  id: uuid,
  kind: z.string(),
  occurredAt: z.string(),
  label: z.string().nullable(),
  source: z.object({ type: z.string(), id: uuid }),
});

export const atRiskListSchema = z
  .object({
    items: z.array(
      z.object({
        clientId: uuid,
        clientName: z.string(),
        owner: z.object({ id: z.string(), name: z.string() }).nullable(),
        teamId: uuid.nullable(),
        rank: z.number().int().meta({ description: "Higher is more urgent: the sum of the reasons' severities." }),
        reasons: z.array(
          z.object({
            code: z.enum([
              "broken_undisclosed",
              "integrity_drop",
              "silence",
              "callbacks_missed",
              "low_pulse",
              "perception_gap",
              "team_pulse_drop",
              "undisclosed_incident",
              "red_face_exposure",
            ]),
            severity: z.number().int(),
            params: z.record(z.string(), z.number()),
            message: z.string(),
            evidence: z.array(evidenceRef),
          }),
        ),
        nextStep: z.string().nullable(),
        nextStepText: z.string().nullable(),
        acknowledged: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string(), until: z.string() }).nullable(),
        computedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "AtRiskList" });
export type AtRiskList = z.infer<typeof atRiskListSchema>;

export const acknowledgeBody = z
  .strictObject({
    reason: z.string().trim().min(3).max(2000).meta({ description: "Why it is acknowledged (audited)." }),
    snoozeDays: z.number().int().min(1).max(90).default(14),
  })
  .meta({ id: "AcknowledgeRisk" });
export const acknowledgeResultSchema = z.object({ clientId: uuid, acknowledgedAt: z.string(), until: z.string() });

export const rhythmBody = z
  .strictObject({
    contactRhythmDays: z
      .number()
      .int()
      .min(1)
      .max(730)
      .nullable()
      .meta({ description: "Expected days between contacts; null to learn it from history." }),
  })
  .meta({ id: "ContactRhythm" });
export const rhythmResultSchema = z.object({ clientId: uuid, contactRhythmDays: z.number().int().nullable() });
