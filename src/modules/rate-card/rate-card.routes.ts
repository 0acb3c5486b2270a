import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  bandBody,
  bandSchema,
  createRateBody,
  fairnessQuery,
  fairnessSchema,
  rateCardSchema,
  rateParams,
  rateSchema,
  reasonBody,
  reasonParams,
  reasonSchema,
} from "./rate-card.schemas.ts";
import * as usecases from "./rate-card.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["rate-card"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const rateCardRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/rate-card",
    {
      schema: {
        tags,
        summary: "The rate card: every role's hourly rates, current and past, and the fairness band",
        response: { 200: rateCardSchema, ...errors },
      },
    },
    async (request) => usecases.getRateCard(deps, requireActor(request)),
  );

  app.post(
    "/rate-card",
    {
      schema: {
        tags,
        summary: "Add a role's hourly rate from a day (earlier rates are kept)",
        body: createRateBody,
        response: { 201: rateSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.addRate(deps, requireActor(request), request.body)),
  );

  app.delete(
    "/rate-card/:id",
    {
      schema: { tags, summary: "Delete a rate", params: rateParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await usecases.deleteRate(deps, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/rate-card/settings",
    {
      schema: {
        tags,
        summary: "Set the fairness band: flag prices more than abovePct above or belowPct below the card",
        body: bandBody,
        response: { 200: bandSchema, ...errors },
      },
    },
    async (request) => usecases.setBand(deps, requireActor(request), request.body),
  );

  app.get(
    "/rate-card/fairness",
    {
      schema: {
        tags,
        summary: "Every contract line against the card rate valid on its contract's start, and against other clients' rates",
        querystring: fairnessQuery,
        response: { 200: fairnessSchema, ...errors },
      },
    },
    async (request) => usecases.getFairness(deps, requireActor(request), request.query),
  );

  app.put(
    "/rate-card/fairness/:contractId/lines/:lineId/reason",
    {
      schema: {
        tags,
        summary: "Record why a contract line is priced as it is",
        params: reasonParams,
        body: reasonBody,
        response: { 200: reasonSchema, ...errors },
      },
    },
    async (request) =>
      usecases.recordReason(deps, requireActor(request), request.params.contractId, request.params.lineId, request.body.reason),
  );
};
