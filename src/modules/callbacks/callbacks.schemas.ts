import { z } from "zod";
import { email, personName, phone, userId, uuid } from "../../shared/fields.ts";
import { commitmentSchema } from "../commitments/commitments.schemas.ts";
import { languageSchema } from "../working-time/working-time.schemas.ts";

/**
 * A callback taken by the front desk: who called and how to reach them, the
 * question in their own words (read back to them), the topic and the expert
 * it went to, and the time promised to the caller.
 */
const question = z.string().trim().min(3).max(4000).meta({ description: "The caller's question in their own words." });
const topic = z.string().trim().min(1).max(100).meta({ description: "What it is about, e.g. 'payroll tax'; routes to who knows." });

export const newCallerSchema = z
  .strictObject({
    name: personName,
    phone: phone.optional(),
    email: email.optional(),
    company: z.string().trim().min(1).max(200).optional().meta({ description: "The caller's organization, when they call for one." }),
  })
  .meta({ id: "NewCaller" });

export const createCallbackBody = z
  .strictObject({
    clientId: uuid.optional().meta({ description: "A known client; or give newCaller." }),
    contactId: uuid.optional(),
    newCaller: newCallerSchema.optional(),
    callbackPhone: phone.optional().meta({ description: "Where the caller wants to be called, when not the number on file." }),
    question,
    readBack: z.literal(true).meta({ description: "The question was read back to the caller and they said it was right." }),
    topic: topic.optional(),
    expertId: userId
      .optional()
      .meta({ description: "Who calls back; default: who knows the topic best and has the fewest callbacks waiting." }),
    confirmationEmail: z.boolean().default(false).meta({ description: "Send the caller the promised time and name by e-mail." }),
  })
  .meta({ id: "CreateCallback" });
export type CreateCallbackInput = z.infer<typeof createCallbackBody>;

export const callbackPreviewQuery = z.strictObject({
  topic: topic.optional(),
  clientId: uuid.optional(),
  expertId: userId.optional(),
  language: languageSchema.optional(),
});
export type CallbackPreviewQuery = z.infer<typeof callbackPreviewQuery>;

/**
 * Why a callback went to whom, for its history: the expert lists the topic,
 * the front desk chose them, or a team lead got it because no topic was given,
 * nobody lists the topic, or everyone who lists it has had it already.
 */
export const ROUTING_REASONS = ["knows_topic", "chosen", "no_topic", "nobody_knows_topic", "experts_all_had_it"] as const;
export const routingReason = z.enum(ROUTING_REASONS);
export type RoutingReason = z.infer<typeof routingReason>;

/** Why nobody has the callback: nobody left to route it to, or most of the promised time passed unaccepted. */
export const alertReason = z.enum(["nobody_left", "time_running_out"]);

const expert = z.object({ id: z.string(), name: z.string(), role: z.string(), topics: z.array(z.string()), waiting: z.number().int() });
export const callbackPreviewSchema = z
  .object({
    experts: z.array(expert).meta({ description: "Who knows the topic, the suggested one first." }),
    routedToLead: z.boolean().meta({ description: "Nobody knows the topic: it goes to a team lead." }),
    routingReason: routingReason.meta({ description: "Why it goes to this person." }),
    expert: expert.nullable(),
    dueAt: z.string(),
    sentence: z.string().meta({ description: "What to tell the caller, in the requested language." }),
    context: z
      .object({
        clientName: z.string(),
        accountOwner: z.string().nullable(),
        openPromises: z.array(z.object({ title: z.string(), dueAt: z.string(), owner: z.string(), overdue: z.boolean() })),
        lastCallbackAt: z.string().nullable(),
      })
      .nullable()
      .meta({ description: "What the firm already knows about this caller: say it honestly." }),
  })
  .meta({ id: "CallbackPreview" });
export type CallbackPreview = z.infer<typeof callbackPreviewSchema>;

export const callbackSchema = z
  .object({
    commitment: commitmentSchema,
    callerName: z.string(),
    callerPhone: z.string().nullable(),
    callerEmail: z.string().nullable(),
    question: z.string(),
    topic: z.string().nullable(),
    routedToLead: z.boolean(),
    acceptBy: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    attempts: z.number().int(),
    reachedAt: z.string().nullable(),
    outcome: z.string().nullable(),
    confirmationSent: z.boolean(),
    alertedAt: z.string().nullable().meta({ description: "When colleagues were alerted that nobody has this callback." }),
    alertReason: alertReason.nullable(),
    sentence: z.string(),
  })
  .meta({ id: "Callback" });
export type Callback = z.infer<typeof callbackSchema>;

export const callbackParams = z.strictObject({ id: uuid });
export const attemptBody = z
  .strictObject({ reached: z.boolean(), note: z.string().trim().max(2000).optional() })
  .meta({ id: "CallbackAttempt" });
export const outcomeBody = z
  .strictObject({ outcome: z.string().trim().min(1).max(4000).meta({ description: "What was answered or agreed." }) })
  .meta({ id: "CallbackOutcome" });
