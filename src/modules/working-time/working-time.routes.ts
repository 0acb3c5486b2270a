import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  computeDueBody,
  computedDueSchema,
  createSlaPolicyBody,
  slaOverrideBody,
  slaOverrideListSchema,
  slaOverrideParams,
  slaPolicyListSchema,
  slaPolicyParams,
  slaPolicySchema,
  updateSlaPolicyBody,
  updateWorkingTimeBody,
  workingTimeSchema,
} from "./working-time.schemas.ts";
import * as usecases from "./working-time.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["working time"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const clientParams = z.strictObject({ id: slaOverrideParams.shape.id });

export const workingTimeRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/settings/working-time",
    { schema: { tags, summary: "Business hours, time zone and public holidays", response: { 200: workingTimeSchema, ...errors } } },
    async (request) => usecases.getWorkingTime(deps, requireActor(request)),
  );

  app.put(
    "/settings/working-time",
    {
      schema: {
        tags,
        summary: "Change business hours, time zone, holidays or language (admins)",
        body: updateWorkingTimeBody,
        response: { 200: workingTimeSchema, ...errors },
      },
    },
    async (request) => usecases.updateWorkingTime(deps, requireActor(request), request.body),
  );

  app.post(
    "/working-time/due",
    {
      schema: {
        tags,
        summary: "Compute a due time in working hours or days (from an SLA policy or an amount)",
        body: computeDueBody,
        response: { 200: computedDueSchema, ...errors },
      },
    },
    async (request) => usecases.computeDue(deps, requireActor(request), request.body),
  );

  app.get(
    "/sla-policies",
    { schema: { tags, summary: "SLA policies", response: { 200: slaPolicyListSchema, ...errors } } },
    async (request) => ({ items: await usecases.listPolicies(deps, requireActor(request)) }),
  );

  app.post(
    "/sla-policies",
    {
      schema: {
        tags,
        summary: "Add an SLA policy (leads, admins)",
        body: createSlaPolicyBody,
        response: { 201: slaPolicySchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.createPolicy(deps, requireActor(request), request.body)),
  );

  app.patch(
    "/sla-policies/:id",
    {
      schema: {
        tags,
        summary: "Change an SLA policy (leads, admins)",
        params: slaPolicyParams,
        body: updateSlaPolicyBody,
        response: { 200: slaPolicySchema, ...errors },
      },
    },
    async (request) => usecases.updatePolicy(deps, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/sla-policies/:id",
    { schema: { tags, summary: "Retire an SLA policy (leads, admins)", params: slaPolicyParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await usecases.archivePolicy(deps, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/clients/:id/sla-overrides",
    {
      schema: {
        tags,
        summary: "SLA agreements made with this client",
        params: clientParams,
        response: { 200: slaOverrideListSchema, ...errors },
      },
    },
    async (request) => ({ items: await usecases.listOverrides(deps, requireActor(request), request.params.id) }),
  );

  app.put(
    "/clients/:id/sla-overrides/:policyId",
    {
      schema: {
        tags,
        summary: "Agree a different SLA with this client (leads, admins)",
        params: slaOverrideParams,
        body: slaOverrideBody,
        response: { 200: slaOverrideListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await usecases.setOverride(deps, requireActor(request), request.params.id, request.params.policyId, request.body),
    }),
  );

  app.delete(
    "/clients/:id/sla-overrides/:policyId",
    {
      schema: {
        tags,
        summary: "Back to the policy's own SLA (leads, admins)",
        params: slaOverrideParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await usecases.removeOverride(deps, requireActor(request), request.params.id, request.params.policyId);
      return reply.code(204).send(null);
    },
  );
};
