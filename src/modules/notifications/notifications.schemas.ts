import { z } from "zod";
import { cursorParam, pageLimit, uuid } from "../../shared/fields.ts";

export const NOTIFICATION_KINDS = [
  "commitment.due_soon",
  "commitment.overdue",
  "commitment.escalated",
  "commitment.assigned",
  "callback.nobody_left",
  "callback.time_running_out",
  "incident.escalated_to_lead",
  "incident.escalated_to_admins",
] as const;
export const notificationKind = z.enum(NOTIFICATION_KINDS).meta({ description: "What the notification is about." });
export type NotificationKind = z.infer<typeof notificationKind>;

export const notificationParamsSchema = z
  .object({
    title: z.string(),
    clientName: z.string(),
    dueAt: z.string().meta({ description: "ISO 8601 date and time." }),
    ownerName: z.string().optional(),
    link: z.string().meta({ description: "Where the notification leads (an address of this app)." }),
  })
  .meta({ id: "NotificationParams", description: "The facts the text is made of; the app words them in the reader's language." });
export type NotificationParams = z.infer<typeof notificationParamsSchema>;

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: notificationKind,
    params: notificationParamsSchema,
    commitmentId: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z
  .object({
    items: z.array(notificationSchema),
    unreadCount: z.number().int().meta({ description: "All unread notifications, also those beyond this page." }),
  })
  .meta({ id: "NotificationList" });
export type NotificationList = z.infer<typeof notificationListSchema>;

export const listNotificationsQuery = z.strictObject({
  unread: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .meta({ description: "true lists only unread notifications." }),
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "How many, newest first (1–100, default 20)." }),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export const markedSchema = z.object({ marked: z.number().int() }).meta({ id: "MarkedRead" });

export const notificationParams = z.strictObject({ id: uuid });

/** A list that takes no parameters refuses unknown ones rather than ignoring them. */
export const noQuery = z.strictObject({});

/** These actions take no input: no body at all (Fastify hands us null), or an empty object. */
export const emptyBody = z.strictObject({}).nullish();

export const DELIVERY_STATUSES = ["queued", "sending", "sent", "failed", "outbox", "uncertain", "dismissed"] as const;
export const deliveryStatus = z.enum(DELIVERY_STATUSES).meta({
  description:
    "queued: waiting to be sent (also between retries); sending: being sent; sent; failed: gave up after the last attempt; " +
    "outbox: no SMTP server configured, waiting for an administrator; " +
    "uncertain: it may or may not have been sent (the sender stopped, or recording the send failed), never resent by itself: an administrator resends or dismisses it; " +
    "dismissed: an administrator decided not to send it (again).",
});
export type DeliveryStatus = z.infer<typeof deliveryStatus>;

export const deliverySchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    to: z.string(),
    language: z.enum(["nl", "en"]),
    subject: z.string(),
    text: z.string(),
    status: deliveryStatus,
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: "Delivery" });
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryListSchema = z
  .object({
    items: z.array(deliverySchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .meta({ id: "DeliveryList" });
export type DeliveryList = z.infer<typeof deliveryListSchema>;

export const listDeliveriesQuery = z.strictObject({
  status: deliveryStatus.optional().meta({ description: "Only deliveries in this state." }),
  limit: pageLimit,
  cursor: cursorParam,
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

export const deliveryParams = z.strictObject({ id: uuid });

export const systemStatusSchema = z
  .object({
    mail: z.object({
      mode: z.enum(["smtp", "outbox"]).meta({ description: "outbox: no SMTP server configured (TRUSTLEDGER_SMTP_URL)." }),
    }),
    lastSweep: z
      .object({
        startedAt: z.string().nullable(),
        finishedAt: z.string().nullable(),
        okAt: z.string().nullable().meta({ description: "The last sweep in which every task succeeded." }),
        error: z.string().nullable().meta({ description: "What failed in the last sweep; null when it went well." }),
      })
      .nullable()
      .meta({ description: "The background sweep of this installation; null before the first one." }),
    deliveries: z.object({
      queued: z.number().int(),
      sending: z.number().int(),
      failed: z.number().int(),
      outbox: z.number().int(),
      uncertain: z.number().int().meta({ description: "May or may not have been sent: waiting for an administrator's decision." }),
      sentLast24h: z.number().int(),
    }),
  })
  .meta({ id: "SystemStatus" });
export type SystemStatus = z.infer<typeof systemStatusSchema>;
