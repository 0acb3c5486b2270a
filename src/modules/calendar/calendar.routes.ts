import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { calendarFeedSchema, calendarTokenParams, createdCalendarFeedSchema } from "./calendar.schemas.ts";
import * as usecases from "./calendar.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; baseUrl: string };
const tags = ["calendar"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

export const calendarRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/calendar-feed",
    { schema: { tags, summary: "Whether I have a calendar feed", response: { 200: calendarFeedSchema, ...errors } } },
    async (request) => usecases.getFeed(deps, requireActor(request)),
  );

  app.post(
    "/calendar-feed",
    {
      schema: {
        tags,
        summary: "A new secret calendar address (the old one stops working)",
        body: z.strictObject({}).nullish(),
        response: { 201: createdCalendarFeedSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.createFeed(deps, requireActor(request))),
  );

  app.delete(
    "/calendar-feed",
    { schema: { tags, summary: "Stop my calendar feed", response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await usecases.revokeFeed(deps, requireActor(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/calendar/:token",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "The calendar feed itself (ICS), for calendar apps; the secret address is the key",
        security: [],
        params: calendarTokenParams,
        response: { 200: z.string(), 404: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=300")
        .send(await usecases.renderFeed(deps, request.params.token)),
  );
};
