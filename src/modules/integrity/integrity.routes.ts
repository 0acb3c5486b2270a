import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { integrityQuery, integritySchema } from "./integrity.schemas.ts";
import * as usecases from "./integrity.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

export const integrityRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/integrity",
    {
      schema: {
        tags: ["integrity"],
        summary: "The integrity dashboard: untold errors, time to disclosure, red-face exposure in cents, corrections, unaudited contracts",
        querystring: integrityQuery,
        response: { 200: integritySchema, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => usecases.dashboard(deps, requireActor(request), request.query),
  );
};
