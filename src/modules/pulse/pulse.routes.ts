import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse, uuid } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  createPulseRequestBody,
  portalTokenParams,
  pulseAnswerBody,
  pulseFormSchema,
  pulseRequestCreatedSchema,
  pulseSummarySchema,
  teamPulseBody,
  teamPulseSchema,
} from "./pulse.schemas.ts";
import * as usecases from "./pulse.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; baseUrl: string; kickJobs?: () => void };
const tags = ["pulse"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const clientParams = z.strictObject({ id: uuid });
/** Public pages by token: enough for a person, too little to guess tokens. */
const PUBLIC_LIMIT = { max: 30, timeWindow: "1 minute" };

export const pulseRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    "/clients/:id/pulse-requests",
    {
      schema: {
        tags,
        summary: "A pulse link for one contact (14 days, answerable once), at most once per contact per cap (default 90 days)",
        params: clientParams,
        body: createPulseRequestBody,
        response: { 201: pulseRequestCreatedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await usecases.createRequest(deps, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    "/clients/:id/pulse",
    {
      schema: {
        tags,
        summary: "The client's perceived scores, response rate and the requests sent",
        params: clientParams,
        response: { 200: pulseSummarySchema, ...errors },
      },
    },
    async (request) => usecases.pulseSummary(deps, requireActor(request), request.params.id),
  );

  app.get(
    "/portal/:token/pulse",
    {
      config: { public: true, rateLimit: PUBLIC_LIMIT },
      schema: {
        tags,
        summary: "What the contact's pulse page shows (public, by the link's token)",
        params: portalTokenParams,
        response: { 200: pulseFormSchema, ...errors },
      },
    },
    async (request) => usecases.viewPulse(deps, request.params.token),
  );

  app.post(
    "/portal/:token/pulse",
    {
      config: { public: true, rateLimit: PUBLIC_LIMIT },
      schema: {
        tags,
        summary: "The contact's answer: 1–5 per core and a comment; once per link",
        params: portalTokenParams,
        body: pulseAnswerBody,
        response: { 201: z.object({ answeredAt: z.string() }), ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.answerPulse(deps, request.params.token, request.body)),
  );

  app.get(
    "/clients/:id/team-pulse",
    {
      schema: {
        tags,
        summary: "How the team feels about working with this client this quarter: only an aggregate of at least three answers",
        params: clientParams,
        response: { 200: teamPulseSchema, ...errors },
      },
    },
    async (request) => usecases.getTeamPulse(deps, requireActor(request), request.params.id),
  );

  app.post(
    "/clients/:id/team-pulse",
    {
      schema: {
        tags,
        summary: "Say privately how working with this client feels (once per quarter)",
        params: clientParams,
        body: teamPulseBody,
        response: { 200: teamPulseSchema, ...errors },
      },
    },
    async (request) => usecases.answerTeamPulse(deps, requireActor(request), request.params.id, request.body),
  );
};
