import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse, uuid } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { conductBody, conductItemSchema, conductListSchema } from "./client-conduct.schemas.ts";
import * as usecases from "./client-conduct.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["client conduct"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const clientParams = z.strictObject({ id: uuid });

export const clientConductRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/clients/:id/conduct",
    {
      schema: {
        tags,
        summary:
          "How the client keeps its side: per aspect kept and not kept, and the recent observations (never part of our trust scores)",
        params: clientParams,
        response: { 200: conductListSchema, ...errors },
      },
    },
    async (request) => usecases.listConduct(deps, requireActor(request), request.params.id),
  );

  app.post(
    "/clients/:id/conduct",
    {
      schema: {
        tags,
        summary: "Record how the client kept its side once (aspect, positive or negative, a note): attributable and append-only",
        params: clientParams,
        body: conductBody,
        response: { 201: conductItemSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await usecases.recordConduct(deps, requireActor(request), request.params.id, request.body)),
  );
};
