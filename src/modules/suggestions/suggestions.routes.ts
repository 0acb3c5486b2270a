import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { suggestionListSchema, suggestionsBody } from "./suggestions.schemas.ts";
import * as usecases from "./suggestions.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["commitments"];
const errors = { 400: errorResponse, 401: errorResponse, 413: errorResponse, 429: errorResponse };
/** Reading 100 KB takes a few hundred ms of one core: generous for people, a brake on scripts. */
const SUGGESTIONS_LIMIT = { max: 120, timeWindow: 60_000 };

export const suggestionsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    "/commitments/suggestions",
    {
      config: { rateLimit: SUGGESTIONS_LIMIT },
      schema: {
        tags,
        summary: "Suggest commitments from a pasted note or e-mail (Dutch or English); nothing is stored",
        body: suggestionsBody,
        response: { 200: suggestionListSchema, ...errors },
      },
    },
    async (request) => usecases.suggestFromText(deps, requireActor(request), request.body),
  );
};
