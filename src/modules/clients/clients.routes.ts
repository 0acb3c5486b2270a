import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  clientIdParams,
  clientListSchema,
  clientSchema,
  contactIdParams,
  contactListSchema,
  contactSchema,
  createClientBody,
  createContactBody,
  listClientsQuery,
  updateClientBody,
  updateContactBody,
} from "./clients.schemas.ts";
import * as usecases from "./clients.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec };
const tags = ["clients"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const clientsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/clients",
    { schema: { tags, summary: "Find clients", querystring: listClientsQuery, response: { 200: clientListSchema, ...errors } } },
    async (request) => usecases.listClients(deps, requireActor(request), request.query),
  );

  app.post(
    "/clients",
    { schema: { tags, summary: "Create a client", body: createClientBody, response: { 201: clientSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await usecases.createClient(deps, requireActor(request), request.body)),
  );

  app.get(
    "/clients/:id",
    { schema: { tags, summary: "One client", params: clientIdParams, response: { 200: clientSchema, ...errors } } },
    async (request) => usecases.getClient(deps, requireActor(request), request.params.id),
  );

  app.patch(
    "/clients/:id",
    {
      schema: {
        tags,
        summary: "Change a client",
        params: clientIdParams,
        body: updateClientBody,
        response: { 200: clientSchema, ...errors },
      },
    },
    async (request) => usecases.updateClient(deps, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/clients/:id/archive",
    { schema: { tags, summary: "Archive a client", params: clientIdParams, response: { 200: clientSchema, ...errors } } },
    async (request) => usecases.setArchived(deps, requireActor(request), request.params.id, true),
  );

  app.post(
    "/clients/:id/restore",
    { schema: { tags, summary: "Restore an archived client", params: clientIdParams, response: { 200: clientSchema, ...errors } } },
    async (request) => usecases.setArchived(deps, requireActor(request), request.params.id, false),
  );

  app.get(
    "/clients/:id/contacts",
    { schema: { tags, summary: "A client's contacts", params: clientIdParams, response: { 200: contactListSchema, ...errors } } },
    async (request) => ({ items: await usecases.listContacts(deps, requireActor(request), request.params.id) }),
  );

  app.post(
    "/clients/:id/contacts",
    {
      schema: {
        tags,
        summary: "Add a contact",
        params: clientIdParams,
        body: createContactBody,
        response: { 201: contactSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.addContact(deps, requireActor(request), request.params.id, request.body)),
  );

  app.patch(
    "/clients/:id/contacts/:contactId",
    {
      schema: {
        tags,
        summary: "Change a contact",
        params: contactIdParams,
        body: updateContactBody,
        response: { 200: contactSchema, ...errors },
      },
    },
    async (request) => usecases.updateContact(deps, requireActor(request), request.params.id, request.params.contactId, request.body),
  );

  app.delete(
    "/clients/:id/contacts/:contactId",
    { schema: { tags, summary: "Remove a contact", params: contactIdParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await usecases.deleteContact(deps, requireActor(request), request.params.id, request.params.contactId);
      return reply.code(204).send(null);
    },
  );
};
