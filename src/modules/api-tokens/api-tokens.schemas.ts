import { z } from "zod";
import { TOKEN_SCOPES } from "../../core/token-scopes.ts";
import { personName, uuid } from "../../shared/fields.ts";

export const tokenScopeSchema = z.enum(TOKEN_SCOPES).meta({
  description:
    "read: look only; write: change clients, promises and callbacks; admin: members, teams and settings (within the owner's role). write and admin include read.",
});

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "The first characters, to recognise the token." }),
    scopes: z.array(tokenScopeSchema),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) }).meta({ id: "ApiTokenList" });
export const createApiTokenBody = z
  .strictObject({
    name: personName,
    scopes: z
      .array(tokenScopeSchema)
      .min(1)
      .max(TOKEN_SCOPES.length)
      .meta({ description: "What the token may do; tokens never make tokens, calendar addresses or portal links." }),
  })
  .meta({ id: "CreateApiToken" });
export type CreateApiTokenInput = z.infer<typeof createApiTokenBody>;
export const createdApiTokenSchema = apiTokenSchema
  .extend({ token: z.string().meta({ description: "Shown once. Send as `Authorization: Bearer <token>`." }) })
  .meta({ id: "CreatedApiToken" });
export const apiTokenParams = z.strictObject({ id: uuid });
