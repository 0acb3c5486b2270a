import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { searchQuery, searchResultsSchema } from "./search.schemas.ts";
import * as usecases from "./search.usecases.ts";

type Deps = { db: Kysely<DB> };
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

export const searchRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/search",
    {
      schema: {
        tags: ["search"],
        summary: "Search interactions, clients, contacts and commitments (Dutch and English, accents ignored, while typing)",
        querystring: searchQuery,
        response: { 200: searchResultsSchema, ...errors },
      },
    },
    async (request) => usecases.search(deps, requireActor(request), request.query),
  );
};
