import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { timelineParams, timelineQuery, timelineSchema } from "./timeline.schemas.ts";
import * as usecases from "./timeline.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec };
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

export const timelineRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/clients/:id/timeline",
    {
      schema: {
        tags: ["clients"],
        summary: "A client's timeline: interactions, commitment events, callbacks, pulse answers and evidence, newest first",
        description:
          "Read from the domain events. Every event type is listed, also types added later (titled by their payload's " +
          "title or summary); events private to a person (team pulse, self-assessments) never are.",
        params: timelineParams,
        querystring: timelineQuery,
        response: { 200: timelineSchema, ...errors },
      },
    },
    async (request) => usecases.clientTimeline(deps, requireActor(request), request.params.id, request.query),
  );
};
