import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { apiTokenListSchema, apiTokenParams, createApiTokenBody, createdApiTokenSchema } from "./api-tokens.schemas.ts";
import * as usecases from "./api-tokens.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["api tokens"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const apiTokensRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/api-tokens",
    { schema: { tags, summary: "My API tokens", response: { 200: apiTokenListSchema, ...errors } } },
    async (request) => ({
      items: await usecases.listTokens(deps, requireActor(request)),
    }),
  );

  app.post(
    "/api-tokens",
    {
      schema: {
        tags,
        summary: "Create an API token (shown once)",
        body: createApiTokenBody,
        response: { 201: createdApiTokenSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.createToken(deps, requireActor(request), request.body)),
  );

  app.delete(
    "/api-tokens/:id",
    { schema: { tags, summary: "Revoke an API token", params: apiTokenParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await usecases.revokeToken(deps, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
