import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  disclosureBody,
  draftQuery,
  draftSchema,
  incidentListQuery,
  incidentListSchema,
  incidentParams,
  incidentSchema,
  nonDisclosureBody,
  nonDisclosureParams,
  nonDisclosureSchema,
  policyBody,
  policySchema,
  recordIncidentBody,
  updateIncidentBody,
} from "./incidents.schemas.ts";
import * as usecases from "./incidents.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["incidents"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const incidentsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/incidents",
    {
      schema: {
        tags,
        summary: "Our errors, those with clients not yet told first, with the time to disclosure in working hours",
        querystring: incidentListQuery,
        response: { 200: incidentListSchema, ...errors },
      },
    },
    async (request) => usecases.listIncidents(deps, requireActor(request), request.query),
  );

  app.post(
    "/incidents",
    {
      schema: {
        tags,
        summary: "Record an error: what happened, when and by whom it was discovered, how bad, the clients it touches",
        body: recordIncidentBody,
        response: { 201: incidentSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.recordIncident(deps, requireActor(request), request.body)),
  );

  app.get(
    "/incidents/:id",
    {
      schema: {
        tags,
        summary: "One error with each client's disclosure",
        params: incidentParams,
        response: { 200: incidentSchema, ...errors },
      },
    },
    async (request) => usecases.getIncident(deps, requireActor(request), request.params.id),
  );

  app.patch(
    "/incidents/:id",
    {
      schema: {
        tags,
        summary: "Complete or correct the texts of an error (what happened, root cause, remedy, lesson) and its severity",
        params: incidentParams,
        body: updateIncidentBody,
        response: { 200: incidentSchema, ...errors },
      },
    },
    async (request) => usecases.updateIncident(deps, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/incidents/:id/disclosures",
    {
      schema: {
        tags,
        summary: "Record that a client was told: when, how and what (once per client)",
        params: incidentParams,
        body: disclosureBody,
        response: { 201: incidentSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.disclose(deps, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    "/incidents/:id/disclosure-draft",
    {
      schema: {
        tags,
        summary: "A drafted message to the client about the error, in Dutch or English, to edit",
        params: incidentParams,
        querystring: draftQuery,
        response: { 200: draftSchema, ...errors },
      },
    },
    async (request) => usecases.draftDisclosure(deps, requireActor(request), request.params.id, request.query),
  );

  app.post(
    "/incidents/:id/non-disclosures",
    {
      schema: {
        tags,
        summary: "Propose not to tell a client, with a reason (a second person approves)",
        params: incidentParams,
        body: nonDisclosureBody,
        response: { 201: nonDisclosureSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await usecases.proposeNonDisclosure(deps, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    "/incidents/:id/non-disclosures/:nid/approve",
    {
      schema: {
        tags,
        summary: "Approve not telling a client (a team lead or administrator other than the one who proposed it)",
        params: nonDisclosureParams,
        response: { 200: nonDisclosureSchema, ...errors },
      },
    },
    async (request) => usecases.approveNonDisclosure(deps, requireActor(request), request.params.id, request.params.nid),
  );

  app.get(
    "/incident-policy",
    {
      schema: {
        tags,
        summary: "Within how many working hours a client is told, and when the admins hear of it",
        response: { 200: policySchema, ...errors },
      },
    },
    async (request) => usecases.getPolicy(deps, requireActor(request)),
  );

  app.put(
    "/incident-policy",
    {
      schema: {
        tags,
        summary: "Set the disclosure policy (null: one working day); applies to errors recorded from then on",
        body: policyBody,
        response: { 200: policySchema, ...errors },
      },
    },
    async (request) => usecases.setPolicy(deps, requireActor(request), request.body),
  );
};
