import { z } from "zod";
import { cursorParam, email, optional, pageLimit, personName, phone, userId, uuid } from "../../shared/fields.ts";

export const clientKind = z.enum(["company", "person"]).meta({ description: "A company or a private person." });

const clientFields = {
  kind: clientKind,
  name: personName.meta({ description: "Company name or the person's full name." }),
  email: optional(email),
  phone: optional(phone),
  website: optional(
    z
      .string()
      .trim()
      .max(300)
      .pipe(z.url({ protocol: /^https?$/ })),
  ),
  notes: optional(z.string().trim().max(5000)).meta({ description: "Internal notes, at most 5,000 characters." }),
  accountOwnerId: optional(userId).meta({ description: "The member who owns this relationship." }),
  teamId: optional(uuid).meta({ description: "The team that serves this client." }),
};

export const createClientBody = z.strictObject(clientFields).meta({ id: "CreateClient" });
export type CreateClientInput = z.infer<typeof createClientBody>;

export const updateClientBody = z
  .strictObject({
    ...clientFields,
    kind: clientKind.optional(),
    name: clientFields.name.optional(),
    // At most PostgreSQL's integer: a bigger number would fail in the database, not here.
    version: z.number().int().positive().max(2147483647).optional().meta({
      description: "The version you last read; when given and someone changed the client since, the answer is 409.",
    }),
  })
  .meta({ id: "UpdateClient" });
export type UpdateClientInput = z.infer<typeof updateClientBody>;

export const listClientsQuery = z.strictObject({
  q: z.string().trim().max(200).optional().meta({
    description: "Search in name, e-mail, phone and the names, e-mails and phones of contacts.",
  }),
  limit: pageLimit,
  cursor: cursorParam,
  archived: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .meta({ description: "true lists archived clients instead of active ones." }),
  ownerId: userId.optional().meta({ description: "Only clients owned by this member." }),
});
export type ListClientsQuery = z.infer<typeof listClientsQuery>;

const memberRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const clientSchema = z
  .object({
    id: z.string(),
    kind: clientKind,
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    notes: z.string().nullable(),
    accountOwner: memberRef,
    team: memberRef,
    contactCount: z.number().int(),
    archivedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "Client" });
export type Client = z.infer<typeof clientSchema>;

const contactFields = {
  name: personName,
  role: optional(z.string().trim().max(200)).meta({ description: "Their role, e.g. CFO." }),
  email: optional(email),
  phone: optional(phone),
};

export const createContactBody = z.strictObject(contactFields).meta({ id: "CreateContact" });
export type CreateContactInput = z.infer<typeof createContactBody>;
export const updateContactBody = z.strictObject({ ...contactFields, name: personName.optional() }).meta({ id: "UpdateContact" });
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const contactSchema = z
  .object({
    id: z.string(),
    clientId: z.string(),
    name: z.string(),
    role: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Contact" });
export type Contact = z.infer<typeof contactSchema>;

export const clientListSchema = z
  .object({
    items: z.array(
      clientSchema.extend({
        matchedContacts: z.array(contactSchema).meta({
          description:
            "With `q`: the client's contacts the search matched on (a client found through a contact names that contact); empty otherwise.",
        }),
      }),
    ),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .meta({ id: "ClientList" });
export type ClientList = z.infer<typeof clientListSchema>;

export const contactListSchema = z.object({ items: z.array(contactSchema) }).meta({ id: "ContactList" });

export const clientIdParams = z.strictObject({ id: uuid });
export const contactIdParams = z.strictObject({ id: uuid, contactId: uuid });
