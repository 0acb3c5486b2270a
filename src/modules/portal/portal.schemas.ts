import { z } from "zod";
import { uuid } from "../../shared/fields.ts";
import { commitmentStatusSchema } from "../commitments/commitments.schemas.ts";

/** Portal links: a contact sees what was promised to their organization, nothing internal. */
export const portalLinkSchema = z
  .object({
    id: z.string(),
    contact: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastOpenedAt: z.string().nullable(),
    views: z.number().int(),
  })
  .meta({ id: "PortalLink" });
export type PortalLink = z.infer<typeof portalLinkSchema>;
export const portalLinkListSchema = z.object({ items: z.array(portalLinkSchema) }).meta({ id: "PortalLinkList" });

export const createdPortalLinkSchema = portalLinkSchema
  .extend({ url: z.string().meta({ description: "Shown once: send it to the contact." }) })
  .meta({ id: "CreatedPortalLink" });

export const createPortalLinkBody = z
  .strictObject({
    contactId: uuid,
    expiresInDays: z.number().int().min(1).max(365).default(30).meta({ description: "How long the link works (1–365 days, default 30)." }),
  })
  .meta({ id: "CreatePortalLink" });
export type CreatePortalLinkInput = z.infer<typeof createPortalLinkBody>;

export const clientParams = z.strictObject({ id: uuid });
export const portalLinkParams = z.strictObject({ id: uuid, linkId: uuid });
export const portalTokenParams = z.strictObject({ token: z.string().min(1).max(300) });

/** How we kept our promises to this client over the last 12 months: outcomes only, nothing internal. */
export const trackRecordSchema = z
  .object({
    from: z.string().meta({ description: "The start of the period (12 months ago)." }),
    counts: z.object({
      keptOnTime: z.number().int(),
      keptLate: z.number().int(),
      renegotiatedWithNotice: z
        .number()
        .int()
        .meta({ description: "Closed promises whose due time was moved with the client told in advance." }),
      broken: z.number().int(),
      cancelledWithAgreement: z.number().int(),
    }),
    items: z.array(
      z.object({
        title: z.string(),
        dueAt: z.string(),
        closedAt: z.string(),
        outcome: z.enum(["kept", "kept_late", "broken", "cancelled"]),
        renegotiatedWithNotice: z.boolean(),
      }),
    ),
  })
  .meta({ id: "PortalTrackRecord" });

export const portalSettingsSchema = z
  .object({
    clientId: uuid,
    showTrackRecord: z.boolean(),
    canChange: z.boolean().meta({ description: "Whether the caller may change it." }),
  })
  .meta({ id: "ClientPortalSettings" });
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

export const portalSettingsBody = z
  .strictObject({
    showTrackRecord: z.boolean().meta({ description: "Show the client our track record of the last 12 months in the portal." }),
  })
  .meta({ id: "UpdateClientPortalSettings" });

export const portalViewSchema = z
  .object({
    organizationName: z.string(),
    clientName: z.string(),
    contactName: z.string(),
    language: z.enum(["nl", "en"]),
    timeZone: z.string(),
    expiresAt: z.string(),
    items: z.array(
      z.object({
        title: z.string(),
        doneWhen: z.string(),
        ownerName: z.string(),
        status: commitmentStatusSchema,
        dueAt: z.string(),
        originalDueAt: z.string(),
        overdue: z.boolean(),
        closedAt: z.string().nullable(),
      }),
    ),
    trackRecord: trackRecordSchema
      .nullable()
      .meta({ description: "Only when the firm chose to show it for this client (portal settings); else null." }),
  })
  .meta({
    id: "PortalView",
    description: "What the client sees: promises, owners, due times and status — no notes, reasons or internal history.",
  });
export type PortalView = z.infer<typeof portalViewSchema>;
