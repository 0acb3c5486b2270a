import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { meSchema } from "../auth/auth.schemas.ts";
import type { Auth } from "../auth/auth.ts";
import * as auth from "../auth/auth.usecases.ts";
import { requireActor, toHeaders } from "../auth/request-context.ts";
import {
  acceptInvitationBody,
  createInvitationBody,
  expertiseBody,
  expertiseMatchSchema,
  expertiseQuery,
  invitationListSchema,
  invitationParams,
  invitationSchema,
  memberListSchema,
  memberParams,
  memberSchema,
  publicInvitationSchema,
  updateMemberBody,
} from "./organizations.schemas.ts";
import * as usecases from "./organizations.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; auth: Auth; baseUrl: string };
const tags = ["members"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const organizationsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/members",
    { schema: { tags, summary: "Members of my organization", response: { 200: memberListSchema, ...errors } } },
    async (request) => ({ items: await usecases.listMembers(deps, requireActor(request)) }),
  );

  app.patch(
    "/members/:userId",
    {
      schema: {
        tags,
        summary: "Change a member's role (admin)",
        params: memberParams,
        body: updateMemberBody,
        response: { 200: memberSchema, ...errors },
      },
    },
    async (request) => usecases.changeRole(deps, requireActor(request), request.params.userId, request.body.role),
  );

  app.put(
    "/members/:userId/expertise",
    {
      schema: {
        tags,
        summary: "Set the topics a member knows about (self or admin)",
        params: memberParams,
        body: expertiseBody,
        response: { 200: memberSchema, ...errors },
      },
    },
    async (request) => usecases.setExpertise(deps, requireActor(request), request.params.userId, request.body.topics),
  );

  app.get(
    "/expertise",
    {
      schema: { tags, summary: "Who knows about a topic", querystring: expertiseQuery, response: { 200: expertiseMatchSchema, ...errors } },
    },
    async (request) => ({ items: await usecases.findExperts(deps, requireActor(request), request.query.topic) }),
  );

  app.post(
    "/invitations",
    { schema: { tags, summary: "Invite a colleague (admin)", body: createInvitationBody, response: { 201: invitationSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await usecases.invite(deps, requireActor(request), request.body)),
  );

  app.get(
    "/invitations",
    { schema: { tags, summary: "Pending invitations (admin)", response: { 200: invitationListSchema, ...errors } } },
    async (request) => ({ items: await usecases.listInvitations(deps, requireActor(request)) }),
  );

  app.delete(
    "/invitations/:id",
    { schema: { tags, summary: "Cancel an invitation (admin)", params: invitationParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await usecases.cancelInvitation(deps, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/invitations/:id/public",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "What an invitation link is for (no sign-in needed)",
        params: invitationParams,
        response: { 200: publicInvitationSchema, 404: errorResponse },
      },
    },
    async (request) => {
      const { organizationId: _hidden, ...visible } = await usecases.describeInvitation(deps, request.params.id);
      return visible;
    },
  );

  app.post(
    "/invitations/:id/accept",
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 15 * 60 * 1000 } },
      schema: {
        tags,
        summary: "Accept an invitation and sign in",
        params: invitationParams,
        body: acceptInvitationBody,
        response: { 201: meSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { me, setCookie } = await auth.acceptInvitation(deps, request.params.id, request.body, toHeaders(request));
      return reply.header("set-cookie", setCookie).code(201).send(me);
    },
  );
};
