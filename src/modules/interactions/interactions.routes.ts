import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  clientIdParams,
  interactionIdParams,
  interactionListSchema,
  interactionSchema,
  listInteractionsQuery,
  loggedInteractionSchema,
  logInteractionBody,
} from "./interactions.schemas.ts";
import * as usecases from "./interactions.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec };
const tags = ["interactions"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/**
 * Interactions are append-only: there is no PATCH or DELETE. A correction is a
 * new note, so what the timeline and the trust ledger were told stays true.
 */
export const interactionsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    "/interactions",
    {
      schema: {
        tags,
        summary: "Log a call, meeting, e-mail, note or portal message with a client",
        description:
          "Publishes the domain event `interaction.logged` (payload: InteractionLoggedEvent) in the same transaction. " +
          "The answer holds the promises by us found in the text, to confirm as commitments. " +
          "A request body over 1 MB is refused with 413, a `body` over 100,000 characters with 400; nothing is saved then.",
        body: logInteractionBody,
        response: { 201: loggedInteractionSchema, 413: errorResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.logInteraction(deps, requireActor(request), request.body)),
  );

  app.get(
    "/interactions/:id",
    { schema: { tags, summary: "One interaction", params: interactionIdParams, response: { 200: interactionSchema, ...errors } } },
    async (request) => usecases.getInteraction(deps, requireActor(request), request.params.id),
  );

  app.get(
    "/clients/:id/interactions",
    {
      schema: {
        tags,
        summary: "A client's interactions, newest first",
        params: clientIdParams,
        querystring: listInteractionsQuery,
        response: { 200: interactionListSchema, ...errors },
      },
    },
    async (request) => usecases.listInteractions(deps, requireActor(request), request.params.id, request.query),
  );
};
