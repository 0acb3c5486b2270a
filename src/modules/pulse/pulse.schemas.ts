import { z } from "zod";
import { uuid } from "../../shared/fields.ts";

const answer = z.number().int().min(1).max(5);

export const createPulseRequestBody = z
  .strictObject({
    contactId: uuid,
    language: z.enum(["nl", "en"]).optional().meta({ description: "The survey's language (default: the organization's)." }),
    send: z.boolean().default(false).meta({ description: "Also e-mail the link to the contact." }),
  })
  .meta({ id: "CreatePulseRequest" });
export type CreatePulseRequestInput = z.infer<typeof createPulseRequestBody>;

export const pulseRequestCreatedSchema = z
  .object({ id: uuid, url: z.string(), token: z.string(), expiresAt: z.string(), emailed: z.boolean() })
  .meta({ id: "PulseRequestCreated" });

export const pulseAnswerBody = z
  .strictObject({
    integrity: answer.meta({ description: "They do what they say (1–5)." }),
    intent: answer.meta({ description: "They have my interests at heart (1–5)." }),
    capabilities: answer.meta({ description: "They know their craft (1–5)." }),
    results: answer.meta({ description: "They deliver what I need (1–5)." }),
    comment: z.string().trim().max(2000).optional(),
  })
  .meta({ id: "PulseAnswer" });
export type PulseAnswerInput = z.infer<typeof pulseAnswerBody>;

export const portalTokenParams = z.strictObject({ token: z.string().min(1).max(200) });

export const pulseFormSchema = z
  .object({
    organizationName: z.string(),
    clientName: z.string(),
    contactName: z.string(),
    language: z.enum(["nl", "en"]),
    expiresAt: z.string(),
  })
  .meta({ id: "PulseForm" });

export const pulseSummarySchema = z
  .object({
    perceived: z
      .object({
        integrity: z.number().nullable(),
        intent: z.number().nullable(),
        capabilities: z.number().nullable(),
        results: z.number().nullable(),
      })
      .nullable(),
    answersLastYear: z.number().int(),
    sent: z.number().int(),
    answered: z.number().int(),
    responseRate: z.number().nullable().meta({ description: "answered / sent over the last year, or null when none were sent." }),
    requests: z.array(
      z.object({
        id: uuid,
        contact: z.object({ id: uuid, name: z.string() }),
        createdAt: z.string(),
        expiresAt: z.string(),
        answeredAt: z.string().nullable(),
        answer: z
          .object({
            integrity: z.number(),
            intent: z.number(),
            capabilities: z.number(),
            results: z.number(),
            comment: z.string().nullable(),
          })
          .nullable(),
      }),
    ),
  })
  .meta({ id: "PulseSummary" });
export type PulseSummary = z.infer<typeof pulseSummarySchema>;

export const teamPulseBody = z
  .strictObject({
    feeling: answer.meta({ description: "How does working with this client feel? 1 (dread) – 5 (a pleasure)." }),
    words: z.string().trim().max(500).optional(),
  })
  .meta({ id: "TeamPulseAnswer" });

export const teamPulseSchema = z
  .object({
    period: z.string(),
    answeredByMe: z.boolean(),
    respondents: z.number().int(),
    threshold: z.number().int(),
    average: z.number().nullable().meta({ description: "Only with at least `threshold` answers; never one person's answer." }),
    words: z.array(z.string()),
    previous: z.object({ period: z.string(), average: z.number().nullable() }),
  })
  .meta({ id: "TeamPulse" });
export type TeamPulse = z.infer<typeof teamPulseSchema>;
