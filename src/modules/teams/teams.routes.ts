import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { teamBody, teamListSchema, teamMembersBody, teamParams, teamSchema } from "./teams.schemas.ts";
import * as usecases from "./teams.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["teams"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const teamsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get("/teams", { schema: { tags, summary: "Teams", response: { 200: teamListSchema, ...errors } } }, async (request) => ({
    items: await usecases.listTeams(deps, requireActor(request)),
  }));

  app.post(
    "/teams",
    { schema: { tags, summary: "Create a team (admin)", body: teamBody, response: { 201: teamSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await usecases.createTeam(deps, requireActor(request), request.body.name)),
  );

  app.patch(
    "/teams/:id",
    { schema: { tags, summary: "Rename a team (admin)", params: teamParams, body: teamBody, response: { 200: teamSchema, ...errors } } },
    async (request) => usecases.renameTeam(deps, requireActor(request), request.params.id, request.body.name),
  );

  app.delete(
    "/teams/:id",
    {
      schema: {
        tags,
        summary: "Delete a team (admin); its clients keep no team",
        params: teamParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await usecases.deleteTeam(deps, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/teams/:id/members",
    {
      schema: {
        tags,
        summary: "Set a team's members (admin)",
        params: teamParams,
        body: teamMembersBody,
        response: { 200: teamSchema, ...errors },
      },
    },
    async (request) => usecases.setTeamMembers(deps, requireActor(request), request.params.id, request.body.userIds),
  );
};
