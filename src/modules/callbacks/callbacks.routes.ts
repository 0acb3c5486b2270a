import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  attemptBody,
  callbackParams,
  callbackPreviewQuery,
  callbackPreviewSchema,
  callbackSchema,
  createCallbackBody,
  outcomeBody,
} from "./callbacks.schemas.ts";
import * as usecases from "./callbacks.usecases.ts";

const tags = ["callbacks"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const callbacksRoutes: FastifyPluginAsyncZod<{ deps: usecases.Deps }> = async (app, { deps }) => {
  app.get(
    "/callbacks/preview",
    {
      schema: {
        tags,
        summary: "While the caller is on the line: who knows the topic, the promised time as a sentence, what we know of the caller",
        querystring: callbackPreviewQuery,
        response: { 200: callbackPreviewSchema, ...errors },
      },
    },
    async (request) => usecases.previewCallback(deps, requireActor(request), request.query),
  );

  app.post(
    "/callbacks",
    { schema: { tags, summary: "Take a callback (front desk)", body: createCallbackBody, response: { 201: callbackSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await usecases.createCallback(deps, requireActor(request), request.body)),
  );

  app.get(
    "/callbacks/:id",
    {
      schema: {
        tags,
        summary: "One callback with its promise and history",
        params: callbackParams,
        response: { 200: callbackSchema, ...errors },
      },
    },
    async (request) => usecases.getCallback(deps, requireActor(request), request.params.id),
  );

  app.post(
    "/callbacks/:id/accept",
    { schema: { tags, summary: "The expert takes the callback on", params: callbackParams, response: { 200: callbackSchema, ...errors } } },
    async (request) => usecases.acceptCallback(deps, requireActor(request), request.params.id),
  );

  app.post(
    "/callbacks/:id/attempts",
    {
      schema: {
        tags,
        summary: "Record a call attempt: reached or not",
        params: callbackParams,
        body: attemptBody,
        response: { 200: callbackSchema, ...errors },
      },
    },
    async (request) => usecases.recordAttempt(deps, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/callbacks/:id/outcome",
    {
      schema: {
        tags,
        summary: "Record the answer given: the callback is done",
        params: callbackParams,
        body: outcomeBody,
        response: { 200: callbackSchema, ...errors },
      },
    },
    async (request) => usecases.recordOutcome(deps, requireActor(request), request.params.id, request.body),
  );
};
