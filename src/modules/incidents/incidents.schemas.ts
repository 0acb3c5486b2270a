import { z } from "zod";
import { dateTime, uuid } from "../../shared/fields.ts";

/**
 * Errors we made, the clients they touched, and how each client was told
 * (PRODUCT.md C7): the API's shapes, shared with the web app's forms.
 */
export const FOUND_BY = ["us", "client", "third_party"] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const DISCLOSURE_CHANNELS = ["call", "meeting", "email", "letter", "portal"] as const;
export const CLIENT_STATUSES = ["undisclosed", "disclosed", "not_to_be_disclosed"] as const;
export type FoundBy = (typeof FOUND_BY)[number];
export type Severity = (typeof SEVERITIES)[number];
export type DisclosureChannel = (typeof DISCLOSURE_CHANNELS)[number];

const longText = z.string().trim().max(10000);
const optionalText = longText
  .nullable()
  .optional()
  .transform((value) => (value === "" ? null : value));

export const foundBySchema = z
  .enum(FOUND_BY)
  .meta({ id: "IncidentFoundBy", description: "Who discovered it: us, the client or a third party." });
export const severitySchema = z.enum(SEVERITIES).meta({ id: "IncidentSeverity", description: "low, medium, high or critical." });
export const channelSchema = z
  .enum(DISCLOSURE_CHANNELS)
  .meta({ id: "DisclosureChannel", description: "How the client was told: call, meeting, email, letter or portal." });

export const recordIncidentBody = z
  .strictObject({
    clientIds: z
      .array(uuid)
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, { message: "each client once" })
      .meta({ description: "The clients the error touches (one or several)." }),
    title: z.string().trim().min(3).max(300).meta({ description: "The error in a line." }),
    discoveredAt: dateTime.optional().meta({ description: "When we learnt of it; not in the future. Left out, it is the server's now." }),
    foundBy: foundBySchema,
    severity: severitySchema,
    description: optionalText.meta({ description: "What happened." }),
    rootCause: optionalText.meta({ description: "Why it happened." }),
    remedy: optionalText.meta({ description: "What we do to put it right." }),
    lesson: optionalText.meta({ description: "What the team takes from it." }),
  })
  .meta({ id: "RecordIncident" });
export type RecordIncidentInput = z.infer<typeof recordIncidentBody>;

export const updateIncidentBody = z
  .strictObject({
    title: z.string().trim().min(3).max(300).optional(),
    severity: severitySchema.optional(),
    description: optionalText,
    rootCause: optionalText,
    remedy: optionalText,
    lesson: optionalText,
  })
  .meta({ id: "UpdateIncident", description: "The texts of an error (and its severity); the facts of discovery stay as recorded." });
export type UpdateIncidentInput = z.infer<typeof updateIncidentBody>;

export const disclosureBody = z
  .strictObject({
    clientId: uuid.meta({ description: "One of the error's clients." }),
    disclosedAt: dateTime
      .optional()
      .meta({ description: "When the client was told: not before the discovery, not in the future. Left out, it is the server's now." }),
    channel: channelSchema,
    message: z.string().trim().min(3).max(10000).meta({ description: "What we told the client." }),
  })
  .meta({ id: "RecordDisclosure" });
export type DisclosureInput = z.infer<typeof disclosureBody>;

export const nonDisclosureBody = z
  .strictObject({
    clientId: uuid,
    reason: z.string().trim().min(3).max(2000).meta({ description: "Why this client is not to be told." }),
  })
  .meta({ id: "ProposeNonDisclosure" });
export type NonDisclosureInput = z.infer<typeof nonDisclosureBody>;

export const incidentParams = z.strictObject({ id: uuid });
export const nonDisclosureParams = z.strictObject({ id: uuid, nid: uuid });

export const incidentListQuery = z.strictObject({
  status: z.enum(["all", "open", "undisclosed"]).default("all").meta({
    description:
      "open: a client is neither told nor approved not to be told; undisclosed: a client has not been told (approved non-disclosures included).",
  }),
  clientId: uuid.optional().meta({ description: "Only errors that touch this client." }),
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const draftQuery = z.strictObject({
  clientId: uuid.optional().meta({ description: "One of the error's clients (default: the first)." }),
  language: z.enum(["nl", "en"]).optional().meta({ description: "Default: the organization's language." }),
});

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const disclosureSchema = z
  .object({
    id: uuid,
    disclosedAt: z.string(),
    channel: channelSchema,
    message: z.string(),
    disclosedBy: person,
    workingHoursToDisclosure: z.number().meta({ description: "Working hours from discovery to telling the client (the headline figure)." }),
    withinPolicy: z.boolean(),
  })
  .meta({ id: "IncidentDisclosure" });

export const nonDisclosureSchema = z
  .object({
    id: uuid,
    clientId: uuid,
    reason: z.string(),
    proposedBy: person,
    proposedAt: z.string(),
    approvedBy: person,
    approvedAt: z.string().nullable(),
  })
  .meta({ id: "IncidentNonDisclosure" });
export type NonDisclosure = z.infer<typeof nonDisclosureSchema>;

export const incidentClientSchema = z
  .object({
    clientId: uuid,
    clientName: z.string(),
    status: z.enum(CLIENT_STATUSES),
    discloseBy: z.string().meta({ description: "The policy's deadline for telling this client." }),
    overdue: z.boolean().meta({ description: "Not settled and past the deadline." }),
    workingHoursSoFar: z.number().meta({ description: "Working hours since discovery: until told, or until now." }),
    escalatedToLeadAt: z.string().nullable(),
    escalatedToAdminsAt: z.string().nullable(),
    disclosure: disclosureSchema.nullable(),
    nonDisclosures: z.array(nonDisclosureSchema),
  })
  .meta({ id: "IncidentClient" });

export const incidentSchema = z
  .object({
    id: uuid,
    title: z.string(),
    description: z.string().nullable(),
    discoveredAt: z.string(),
    foundBy: foundBySchema,
    severity: severitySchema,
    rootCause: z.string().nullable(),
    remedy: z.string().nullable(),
    lesson: z.string().nullable(),
    recordedBy: person,
    recordedAt: z.string(),
    updatedAt: z.string(),
    clients: z.array(incidentClientSchema),
    undisclosedCount: z.number().int().meta({ description: "Clients not told and not approved not to be told." }),
    workingHoursToDisclosure: z
      .number()
      .nullable()
      .meta({ description: "The slowest disclosure so far in working hours (null until a client is told)." }),
  })
  .meta({ id: "Incident" });
export type Incident = z.infer<typeof incidentSchema>;

export const incidentListSchema = z
  .object({
    items: z.array(incidentSchema).meta({ description: "Errors with untold clients first, then newest discovery first (at most 200)." }),
    policy: z.object({ discloseWithinHours: z.number(), adminsAfterHours: z.number() }),
  })
  .meta({ id: "IncidentList" });
export type IncidentList = z.infer<typeof incidentListSchema>;

export const draftSchema = z
  .object({ clientId: uuid, language: z.enum(["nl", "en"]), subject: z.string(), message: z.string() })
  .meta({ id: "DisclosureDraft" });

export const policySchema = z
  .object({
    discloseWithinHours: z.number().meta({ description: "Working hours from discovery within which each client is told." }),
    adminsAfterHours: z.number().meta({ description: "Further working hours before the admins are told too." }),
    isDefault: z.object({ discloseWithinHours: z.boolean(), adminsAfterHours: z.boolean() }),
  })
  .meta({ id: "DisclosurePolicy" });
export type Policy = z.infer<typeof policySchema>;

export const policyBody = z
  .strictObject({
    discloseWithinHours: z.number().positive().max(1000).nullable().meta({ description: "null: one working day of ours." }),
    adminsAfterHours: z.number().positive().max(1000).nullable().meta({ description: "null: one more working day." }),
  })
  .meta({ id: "UpdateDisclosurePolicy" });
export type PolicyInput = z.infer<typeof policyBody>;
