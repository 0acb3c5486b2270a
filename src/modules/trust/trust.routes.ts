import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { canConfigureOrganization } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { languageFromHeader } from "../../i18n/translate.ts";
import { forbidden } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse, uuid } from "../../shared/fields.ts";
import { requireActor } from "../auth/request-context.ts";
import * as risks from "./trust.risks.ts";
import {
  acknowledgeBody,
  acknowledgeResultSchema,
  atRiskListSchema,
  atRiskQuery,
  backfillResultSchema,
  clientTrustSchema,
  evidenceItemSchema,
  evidenceListSchema,
  evidenceQuery,
  historyQuery,
  historySchema,
  observationBody,
  rhythmBody,
  rhythmResultSchema,
  settingsPreviewSchema,
  trustSettingsBody,
  trustSettingsSchema,
} from "./trust.schemas.ts";
import * as usecases from "./trust.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
const tags = ["trust"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const clientParams = z.strictObject({ id: uuid });

export const trustRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/clients/:id/trust",
    {
      schema: {
        tags,
        summary: "Where trust stands with a client: per core score, uncertainty and trend, and the two readinesses",
        params: clientParams,
        response: { 200: clientTrustSchema, ...errors },
      },
    },
    async (request) => usecases.getClientTrust(deps, requireActor(request), request.params.id),
  );

  app.get(
    "/clients/:id/trust/evidence",
    {
      schema: {
        tags,
        summary: "The evidence behind a client's scores, each with its contribution and a plain-language why",
        params: clientParams,
        querystring: evidenceQuery,
        response: { 200: evidenceListSchema, ...errors },
      },
    },
    async (request) =>
      usecases.listClientEvidence(
        deps,
        requireActor(request),
        request.params.id,
        request.query,
        languageFromHeader(request.headers["accept-language"]),
      ),
  );

  app.get(
    "/clients/:id/trust/history",
    {
      schema: {
        tags,
        summary: "Each core's score per day (trend lines)",
        params: clientParams,
        querystring: historyQuery,
        response: { 200: historySchema, ...errors },
      },
    },
    async (request) => usecases.getTrustHistory(deps, requireActor(request), request.params.id, request.query.days),
  );

  app.post(
    "/clients/:id/evidence",
    {
      schema: {
        tags,
        summary: "Record an observation by hand (core, direction, reason): attributable and append-only",
        params: clientParams,
        body: observationBody,
        response: { 201: evidenceItemSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await usecases.recordObservation(
            deps,
            requireActor(request),
            request.params.id,
            request.body,
            languageFromHeader(request.headers["accept-language"]),
          ),
        ),
  );

  app.get(
    "/trust/settings",
    { schema: { tags, summary: "The half-life and the weight table in effect", response: { 200: trustSettingsSchema, ...errors } } },
    async (request) => usecases.getSettings(deps, requireActor(request)),
  );

  app.put(
    "/trust/settings",
    {
      schema: {
        tags,
        summary: "Change the half-life and weights (administrators); every score is weighed again",
        body: trustSettingsBody,
        response: { 200: trustSettingsSchema, ...errors },
      },
    },
    async (request) => usecases.updateSettings(deps, requireActor(request), request.body),
  );

  app.post(
    "/trust/settings/preview",
    {
      schema: {
        tags,
        summary: "What a change of settings would do to today's scores, without saving it",
        body: trustSettingsBody,
        response: { 200: settingsPreviewSchema, ...errors },
      },
    },
    async (request) => usecases.previewSettings(deps, requireActor(request), request.body),
  );

  app.post(
    "/trust/backfill",
    {
      schema: {
        tags,
        summary: "Build the evidence again from all history (administrators); the result equals what was written as things happened",
        response: { 200: backfillResultSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!canConfigureOrganization(actor.role)) throw forbidden();
      return usecases.backfillEvidence(deps, actor.orgId);
    },
  );

  app.get(
    "/at-risk",
    {
      schema: {
        tags,
        summary: "Clients at risk, ranked, each with its reasons, the evidence behind them and a suggested next step",
        querystring: atRiskQuery,
        response: { 200: atRiskListSchema, ...errors },
      },
    },
    async (request) => risks.listAtRisk(deps, requireActor(request), request.query, languageFromHeader(request.headers["accept-language"])),
  );

  app.post(
    "/at-risk/:id/acknowledge",
    {
      schema: {
        tags,
        summary: "Acknowledge or snooze a client's reasons, with a reason (audited); a new reason shows it again",
        params: clientParams,
        body: acknowledgeBody,
        response: { 200: acknowledgeResultSchema, ...errors },
      },
    },
    async (request) => risks.acknowledgeRisk(deps, requireActor(request), request.params.id, request.body),
  );

  app.put(
    "/clients/:id/contact-rhythm",
    {
      schema: {
        tags,
        summary: "Expected days between contacts with this client (null: learn it from history, else the organization's default)",
        params: clientParams,
        body: rhythmBody,
        response: { 200: rhythmResultSchema, ...errors },
      },
    },
    async (request) => risks.setContactRhythm(deps, requireActor(request), request.params.id, request.body.contactRhythmDays),
  );
};
