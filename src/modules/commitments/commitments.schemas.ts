import { z } from "zod";
import { cursorParam, dateTime, localDate, pageLimit, userId, uuid } from "../../shared/fields.ts";
import { commitmentKindSchema, durationUnitSchema, languageSchema } from "../working-time/working-time.schemas.ts";

/**
 * A commitment is a promise to a client: what, done when, one owner, due when,
 * where it was made. Its history is a list of events that can only grow.
 */
export const COMMITMENT_STATUSES = ["open", "renegotiated", "kept", "kept_late", "broken", "cancelled"] as const;
export const commitmentStatusSchema = z
  .enum(COMMITMENT_STATUSES)
  .meta({ description: "open and renegotiated are still to be done; the others are closed." });
export type CommitmentStatus = z.infer<typeof commitmentStatusSchema>;
export const ACTIVE_STATUSES: readonly CommitmentStatus[] = ["open", "renegotiated"];

export const commitmentSourceSchema = z
  .enum(["call", "meeting", "email", "note", "portal"])
  .meta({ description: "Where the promise was made." });

const isoDateTime = dateTime;
const title = z.string().trim().min(1).max(300).meta({ description: "What was promised, specific." });
const reason = z.string().trim().min(1).max(2000);
const version = z.number().int().min(1).optional().meta({ description: "The version you read; when given and no longer current, 409." });

const person = z.object({ id: z.string(), name: z.string() });

export const commitmentEventSchema = z
  .object({
    id: z.string(),
    kind: z.string().meta({
      description: "created, renegotiated, client_informed, completed, broken, cancelled, reopened, reassigned, reminder_sent, escalated",
    }),
    at: z.string(),
    actor: person.nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "CommitmentEvent" });
export type CommitmentEvent = z.infer<typeof commitmentEventSchema>;

export const commitmentSchema = z
  .object({
    id: z.string(),
    clientId: z.string(),
    clientName: z.string(),
    contact: person.nullable(),
    title: z.string(),
    doneWhen: z.string(),
    owner: person,
    source: commitmentSourceSchema,
    kind: commitmentKindSchema,
    slaPolicyId: z.string().nullable(),
    status: commitmentStatusSchema,
    dueAt: z.string(),
    originalDueAt: z.string(),
    recordedAfterDue: z.boolean().meta({ description: "Recorded after its due time had passed (a past promise)." }),
    renegotiationCount: z.number().int(),
    overdue: z.boolean().meta({ description: "Still to be done and past its due time." }),
    atRisk: z.boolean().meta({ description: "Still to be done and most of its time is used: a good moment to inform the client." }),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
    events: z.array(commitmentEventSchema).optional(),
  })
  .meta({ id: "Commitment" });
export type Commitment = z.infer<typeof commitmentSchema>;

export const commitmentListSchema = z
  .object({ items: z.array(commitmentSchema), nextCursor: z.string().nullable() })
  .meta({ id: "CommitmentList" });
export type CommitmentList = z.infer<typeof commitmentListSchema>;

export const createCommitmentBody = z
  .strictObject({
    clientId: uuid,
    contactId: uuid.nullable().optional(),
    title,
    doneWhen: z.string().trim().min(1).max(2000).meta({ description: "How everyone can tell it is done (measurable)." }),
    ownerId: userId,
    dueAt: isoDateTime.optional().meta({ description: "When it is due. Or give dueIn, or slaPolicyId." }),
    dueIn: z
      .strictObject({ amount: z.number().int().min(1).max(1000), unit: durationUnitSchema })
      .optional()
      .meta({ description: "Due in N working hours or days from now, on the organization's working time." }),
    slaPolicyId: uuid.optional().meta({ description: "Due per this SLA policy (and the client's agreed override)." }),
    source: commitmentSourceSchema,
    kind: commitmentKindSchema.optional(),
    pastPromise: z
      .boolean()
      .optional()
      .meta({ description: "Set to record a promise whose due time has already passed; it is flagged as recorded late." }),
    outcome: z.enum(["kept", "kept_late", "broken", "cancelled"]).optional().meta({
      description: "History: how a past promise ended (with pastPromise and closedAt). Cancelled means with the client's agreement.",
    }),
    closedAt: isoDateTime.optional().meta({ description: "History: when a past promise was kept, broken or cancelled." }),
  })
  .meta({ id: "CreateCommitment" });
export type CreateCommitmentInput = z.infer<typeof createCommitmentBody>;

export const listCommitmentsQuery = z.strictObject({
  clientId: uuid.optional(),
  ownerId: z
    .union([z.literal("me"), userId])
    .optional()
    .meta({ description: "A user id, or `me`." }),
  status: z
    .string()
    .max(100)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return undefined;
      const parts = value.split(",").map((part) => part.trim());
      const valid = parts.filter((part): part is CommitmentStatus => (COMMITMENT_STATUSES as readonly string[]).includes(part));
      if (valid.length !== parts.length) {
        ctx.addIssue({ code: "custom", message: `one or more of ${COMMITMENT_STATUSES.join(", ")}` });
        return z.NEVER;
      }
      return valid;
    })
    .meta({ description: "One status or several separated by commas, e.g. `open,renegotiated`." }),
  state: z.enum(["active", "closed"]).optional().meta({ description: "active = open or renegotiated; closed = the rest." }),
  teamId: uuid.optional().meta({ description: "Owned by a member of this team." }),
  closedFrom: localDate.optional().meta({ description: "Closed on or after this day (YYYY-MM-DD, organization's time zone)." }),
  closedTo: localDate.optional().meta({ description: "Closed on or before this day (inclusive)." }),
  overdue: z
    .stringbool()
    .optional()
    .meta({ description: "true: only promises still to be done and past their due time now (as the figures count overdue)." }),
  order: z.enum(["due_asc", "due_desc"]).default("due_asc"),
  limit: pageLimit,
  cursor: cursorParam,
});
export type ListCommitmentsQuery = z.infer<typeof listCommitmentsQuery>;

export const commitmentParams = z.strictObject({ id: uuid });

export const completeBody = z.strictObject({ version }).meta({ id: "CompleteCommitment" });
export const renegotiateBody = z
  .strictObject({
    dueAt: isoDateTime,
    reason: reason.meta({ description: "Why the due time moves." }),
    clientInformed: z.boolean().meta({ description: "Was the client told before the old due time?" }),
    version,
  })
  .meta({ id: "RenegotiateCommitment" });
export type RenegotiateInput = z.infer<typeof renegotiateBody>;
export const breakBody = z
  .strictObject({
    reason,
    clientInformed: z
      .boolean()
      .optional()
      .meta({ description: "Was the client told it will not happen? Not telling weighs heaviest on trust." }),
    version,
  })
  .meta({ id: "BreakCommitment" });
export const cancelBody = z
  .strictObject({ reason, clientAgreed: z.boolean().meta({ description: "Cancelling needs the client's agreement." }), version })
  .meta({ id: "CancelCommitment" });
export const reopenBody = z
  .strictObject({
    reason: z.enum(["undo"]).default("undo").meta({ description: "Why it is reopened: an undo of closing it, shortly after." }),
    version,
  })
  .meta({ id: "ReopenCommitment" });
export const reassignBody = z.strictObject({ ownerId: userId, version }).meta({ id: "ReassignCommitment" });

export const noticeDraftQuery = z.strictObject({
  dueAt: isoDateTime.optional().meta({ description: "The new due time to propose; default: one working day after the current one." }),
  language: languageSchema.optional(),
});
export const noticeDraftSchema = z
  .object({
    to: z.object({ name: z.string(), email: z.string().nullable() }).nullable(),
    language: languageSchema,
    subject: z.string(),
    text: z.string(),
    dueAt: z.string(),
  })
  .meta({ id: "ClientNoticeDraft" });
export type NoticeDraft = z.infer<typeof noticeDraftSchema>;
export const informClientBody = z
  .strictObject({
    dueAt: isoDateTime,
    reason,
    subject: z.string().trim().min(1).max(300),
    text: z.string().trim().min(1).max(10_000),
    language: languageSchema,
    version,
  })
  .meta({ id: "InformClient", description: "Send the client the (edited) notice and record the renegotiation, with notice." });
export type InformClientInput = z.infer<typeof informClientBody>;

export const myDaySchema = z
  .object({
    timeZone: z.string(),
    today: z.string().meta({ description: "Today's date in the organization's time zone (YYYY-MM-DD)." }),
    overdue: z.array(commitmentSchema),
    dueToday: z.array(commitmentSchema),
    dueThisWeek: z.array(commitmentSchema),
    waitingCallbacks: z.array(commitmentSchema),
    callbacksWithoutPerson: z.array(commitmentSchema).meta({
      description:
        "The organization's callbacks nobody has accepted although colleagues were alerted (nobody left to route to, or most of the promised time gone): anyone who calls back may accept one.",
    }),
  })
  .meta({ id: "MyDay" });
export type MyDay = z.infer<typeof myDaySchema>;

export const reliabilityQuery = z.strictObject({
  from: localDate.meta({ description: "First day (YYYY-MM-DD, organization's time zone)." }),
  to: localDate.meta({ description: "Last day, inclusive." }),
  groupBy: z.enum(["owner", "client", "team"]).default("owner"),
});
export type ReliabilityQuery = z.infer<typeof reliabilityQuery>;

const figures = {
  kept: z.number().int(),
  keptLate: z.number().int(),
  broken: z.number().int(),
  cancelled: z.number().int(),
  renegotiated: z.number().int().meta({ description: "Closed promises whose due time was moved at least once." }),
  renegotiatedWithNotice: z.number().int(),
  keptOnTimeRate: z.number().nullable().meta({ description: "kept / (kept + kept late + broken); null when nothing was due." }),
  medianCallbackMinutes: z.number().nullable().meta({ description: "Median time from recording to keeping a callback." }),
};
export const reliabilitySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(["owner", "client", "team"]),
    total: z.object(figures).extend({ overdueNow: z.number().int() }),
    groups: z.array(z.object({ id: z.string(), name: z.string(), overdueNow: z.number().int(), ...figures })),
    trend: z.array(z.object({ weekStart: z.string(), closed: z.number().int(), keptOnTimeRate: z.number().nullable() })),
  })
  .meta({ id: "Reliability" });
export type Reliability = z.infer<typeof reliabilitySchema>;
