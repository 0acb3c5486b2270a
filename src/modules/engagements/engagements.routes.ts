import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  adviceBody,
  analysisBody,
  createEngagementBody,
  declineBody,
  disagreementBody,
  engagementListQuery,
  engagementListSchema,
  engagementParams,
  engagementSchema,
  pullRatioQuery,
  pullRatioSchema,
  stageBody,
} from "./engagements.schemas.ts";
import * as usecases from "./engagements.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["engagements"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const engagementsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/engagements",
    {
      schema: {
        tags,
        summary: "Engagements, filtered by client, owner, team or stage",
        querystring: engagementListQuery,
        response: { 200: engagementListSchema, ...errors },
      },
    },
    async (request) => usecases.listEngagements(deps, requireActor(request), request.query),
  );

  app.post(
    "/engagements",
    {
      schema: {
        tags,
        summary: "Take in a request: in the client's own words, who initiated it, the owner",
        body: createEngagementBody,
        response: { 201: engagementSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.createEngagement(deps, requireActor(request), request.body)),
  );

  app.get(
    "/engagements/:id",
    {
      schema: {
        tags,
        summary: "An engagement with its analysis, advice and disagreements",
        params: engagementParams,
        response: { 200: engagementSchema, ...errors },
      },
    },
    async (request) => usecases.getEngagement(deps, requireActor(request), request.params.id),
  );

  app.put(
    "/engagements/:id/analysis",
    {
      schema: {
        tags,
        summary: "Record the needs analysis (real need, root causes, risks, advice) and the second look",
        params: engagementParams,
        body: analysisBody,
        response: { 200: engagementSchema, ...errors },
      },
    },
    async (request) => usecases.recordAnalysis(deps, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/engagements/:id/stage",
    {
      schema: {
        tags,
        summary: "Move to the next stage; contracted needs the analysis and the second look (409 engagements.analysis_required)",
        params: engagementParams,
        body: stageBody,
        response: { 200: engagementSchema, ...errors },
      },
    },
    async (request) => usecases.moveStage(deps, requireActor(request), request.params.id, request.body.stage),
  );

  app.post(
    "/engagements/:id/decline",
    {
      schema: {
        tags,
        summary: "Decline with a reason and, ideally, a referral to someone better placed",
        params: engagementParams,
        body: declineBody,
        response: { 200: engagementSchema, ...errors },
      },
    },
    async (request) => usecases.decline(deps, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/engagements/:id/advice",
    {
      schema: {
        tags,
        summary: "Record advice, e.g. against our own revenue, with the revenue forgone",
        params: engagementParams,
        body: adviceBody,
        response: { 201: engagementSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await usecases.recordAdvice(deps, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    "/engagements/:id/disagreements",
    {
      schema: {
        tags,
        summary: "Record a disagreement and how it was resolved (dialogue, concession, or pointing at the contract)",
        params: engagementParams,
        body: disagreementBody,
        response: { 201: engagementSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await usecases.recordDisagreement(deps, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    "/pull-ratio",
    {
      schema: {
        tags,
        summary: "Share of engagements the client initiated versus we proposed, per client, owner or team and per quarter",
        querystring: pullRatioQuery,
        response: { 200: pullRatioSchema, ...errors },
      },
    },
    async (request) => usecases.pullRatio(deps, requireActor(request), request.query.groupBy),
  );
};
