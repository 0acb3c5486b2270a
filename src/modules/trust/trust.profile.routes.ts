import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { languageFromHeader } from "../../i18n/translate.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse, uuid } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import { selfAssessmentBody, selfAssessmentsSchema, teamTrustProfileSchema, trustProfileSchema } from "./trust.profile.schemas.ts";
import * as profile from "./trust.profile.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["trust profile"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/**
 * The personal trust profile: only ever one's own (no route takes a user id),
 * and a team's evidence added together for leads and admins.
 */
export const trustProfileRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/me/trust-profile",
    {
      schema: {
        tags,
        summary: "My own evidence across all clients per core, beside my latest self-assessment (private to me)",
        response: { 200: trustProfileSchema, ...errors },
      },
    },
    async (request) => profile.getMyTrustProfile(deps, requireActor(request), languageFromHeader(request.headers["accept-language"])),
  );

  app.put(
    "/me/self-assessment",
    {
      schema: {
        tags,
        summary: "Take the self-assessment on the four cores (1–5 each); earlier ones are kept",
        body: selfAssessmentBody,
        response: { 200: selfAssessmentsSchema, ...errors },
      },
    },
    async (request) => profile.recordSelfAssessment(deps, requireActor(request), request.body),
  );

  app.get(
    "/teams/:id/trust-profile",
    {
      schema: {
        tags,
        summary: "A team's evidence added together (leads, admins): no per-person numbers; only with at least 3 members with evidence",
        params: z.strictObject({ id: uuid }),
        response: { 200: teamTrustProfileSchema, ...errors },
      },
    },
    async (request) => profile.getTeamTrustProfile(deps, requireActor(request), request.params.id),
  );
};
