import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import * as figures from "./commitments.figures.ts";
import { reliability } from "./commitments.reliability.ts";
import {
  breakBody,
  cancelBody,
  commitmentListSchema,
  commitmentParams,
  commitmentSchema,
  completeBody,
  createCommitmentBody,
  informClientBody,
  listCommitmentsQuery,
  myDaySchema,
  noticeDraftQuery,
  noticeDraftSchema,
  reassignBody,
  reliabilityQuery,
  reliabilitySchema,
  renegotiateBody,
  reopenBody,
} from "./commitments.schemas.ts";
import * as usecases from "./commitments.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; baseUrl: string };
const tags = ["commitments"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const commitmentsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    "/commitments",
    {
      schema: { tags, summary: "Record a promise to a client", body: createCommitmentBody, response: { 201: commitmentSchema, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await usecases.createCommitment(deps, requireActor(request), request.body)),
  );

  app.get(
    "/commitments",
    { schema: { tags, summary: "Find promises", querystring: listCommitmentsQuery, response: { 200: commitmentListSchema, ...errors } } },
    async (request) => usecases.listCommitments(deps, requireActor(request), request.query),
  );

  app.get(
    "/commitments/:id",
    {
      schema: {
        tags,
        summary: "One promise with its full history",
        params: commitmentParams,
        response: { 200: commitmentSchema, ...errors },
      },
    },
    async (request) => usecases.getCommitment(deps, requireActor(request), request.params.id),
  );

  const action = <
    B extends typeof completeBody | typeof renegotiateBody | typeof breakBody | typeof cancelBody | typeof reassignBody | typeof reopenBody,
  >(
    path: string,
    summary: string,
    body: B,
  ) => ({ path, schema: { tags, summary, params: commitmentParams, body, response: { 200: commitmentSchema, ...errors } } });

  const complete = action("/commitments/:id/complete", "Mark done: kept, or kept late when past its due time", completeBody);
  app.post(complete.path, { schema: complete.schema }, async (request) =>
    usecases.completeCommitment(deps, requireActor(request), request.params.id, request.body ?? {}),
  );

  const renegotiate = action("/commitments/:id/renegotiate", "Move the due time, with a reason", renegotiateBody);
  app.post(renegotiate.path, { schema: renegotiate.schema }, async (request) =>
    usecases.renegotiateCommitment(deps, requireActor(request), request.params.id, request.body),
  );

  const broken = action("/commitments/:id/break", "Record that the promise was not kept", breakBody);
  app.post(broken.path, { schema: broken.schema }, async (request) =>
    usecases.breakCommitment(deps, requireActor(request), request.params.id, request.body),
  );

  const cancel = action("/commitments/:id/cancel", "Cancel, with the client's agreement", cancelBody);
  app.post(cancel.path, { schema: cancel.schema }, async (request) =>
    usecases.cancelCommitment(deps, requireActor(request), request.params.id, request.body),
  );

  const reopen = action(
    "/commitments/:id/reopen",
    "Undo closing it: back to open, as a new event; within 2 minutes of closing, by whoever closed it or a lead/admin",
    reopenBody,
  );
  app.post(reopen.path, { schema: reopen.schema }, async (request) =>
    usecases.reopenCommitment(deps, requireActor(request), request.params.id, request.body ?? {}),
  );

  const reassign = action("/commitments/:id/reassign", "Give the promise another owner", reassignBody);
  app.post(reassign.path, { schema: reassign.schema }, async (request) =>
    usecases.reassignCommitment(deps, requireActor(request), request.params.id, request.body),
  );

  app.get(
    "/commitments/:id/client-notice",
    {
      schema: {
        tags,
        summary: "Draft the message that tells the client, before the due time, that the promise will slip",
        params: commitmentParams,
        querystring: noticeDraftQuery,
        response: { 200: noticeDraftSchema, ...errors },
      },
    },
    async (request) => usecases.draftClientNotice(deps, requireActor(request), request.params.id, request.query),
  );

  app.post(
    "/commitments/:id/client-notice",
    {
      schema: {
        tags,
        summary: "Send the client the notice and record the renegotiation with notice",
        params: commitmentParams,
        body: informClientBody,
        response: { 200: commitmentSchema, ...errors },
      },
    },
    async (request) => usecases.informClient(deps, requireActor(request), request.params.id, request.body),
  );

  app.get(
    "/my-day",
    {
      schema: {
        tags,
        summary: "My promises: overdue, due today, this week, and callbacks I owe",
        response: { 200: myDaySchema, ...errors },
      },
    },
    async (request) => figures.myDay(deps, requireActor(request)),
  );

  app.get(
    "/reliability",
    {
      schema: {
        tags,
        summary: "Kept-on-time rate, overdue counts and trend per owner, client or team",
        querystring: reliabilityQuery,
        response: { 200: reliabilitySchema, ...errors },
      },
    },
    async (request) => reliability(deps, requireActor(request), request.query),
  );
};
