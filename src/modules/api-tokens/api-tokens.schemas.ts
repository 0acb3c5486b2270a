import { z } from "zod";
import { personName, uuid } from "../../shared/fields.ts";

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "The first characters, to recognise the token." }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) }).meta({ id: "ApiTokenList" });
export const createApiTokenBody = z.strictObject({ name: personName }).meta({ id: "CreateApiToken" });
export const createdApiTokenSchema = apiTokenSchema
  .extend({ token: z.string().meta({ description: "Shown once. Send as `Authorization: Bearer <token>`." }) })
  .meta({ id: "CreatedApiToken" });
export const apiTokenParams = z.strictObject({ id: uuid });
