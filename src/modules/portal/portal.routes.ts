import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import type { Signer } from "../../shared/signer.ts";
import { requireActor } from "../auth/request-context.ts";
import {
  clientParams,
  createdPortalLinkSchema,
  createPortalLinkBody,
  portalLinkListSchema,
  portalLinkParams,
  portalSettingsBody,
  portalSettingsSchema,
  portalTokenParams,
  portalViewSchema,
} from "./portal.schemas.ts";
import * as usecases from "./portal.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; portalSigner: Signer; baseUrl: string };
const tags = ["client portal"];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/** Lookups of portal tokens per address: enough for a person, far too few to guess. */
const PORTAL_LIMIT = { max: 30, timeWindow: "1 minute" };

export const portalRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    "/clients/:id/portal-links",
    { schema: { tags, summary: "The portal links of a client", params: clientParams, response: { 200: portalLinkListSchema, ...errors } } },
    async (request) => ({ items: await usecases.listLinks(deps, requireActor(request), request.params.id) }),
  );

  app.post(
    "/clients/:id/portal-links",
    {
      schema: {
        tags,
        summary: "A link for a contact to see what was promised to them (account owner, leads, admins)",
        params: clientParams,
        body: createPortalLinkBody,
        response: { 201: createdPortalLinkSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await usecases.createLink(deps, requireActor(request), request.params.id, request.body)),
  );

  app.delete(
    "/clients/:id/portal-links/:linkId",
    { schema: { tags, summary: "Revoke a portal link", params: portalLinkParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await usecases.revokeLink(deps, requireActor(request), request.params.id, request.params.linkId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/clients/:id/portal-settings",
    {
      schema: {
        tags,
        summary: "What this client's portal shows besides the promises (the track record is off until turned on)",
        params: clientParams,
        response: { 200: portalSettingsSchema, ...errors },
      },
    },
    async (request) => usecases.getSettings(deps, requireActor(request), request.params.id),
  );

  app.put(
    "/clients/:id/portal-settings",
    {
      schema: {
        tags,
        summary: "Show this client our track record of the last 12 months in the portal, or not (account owner, leads, admins)",
        params: clientParams,
        body: portalSettingsBody,
        response: { 200: portalSettingsSchema, ...errors },
      },
    },
    async (request) => usecases.updateSettings(deps, requireActor(request), request.params.id, request.body),
  );

  app.get(
    "/portal/:token",
    {
      config: { public: true, rateLimit: PORTAL_LIMIT },
      schema: {
        tags,
        summary: "What a portal link shows the client (no sign-in: the link is the key)",
        security: [],
        params: portalTokenParams,
        response: { 200: portalViewSchema, 404: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) =>
      reply.header("cache-control", "no-store").send(await usecases.viewPortal(deps, request.params.token, request.headers["user-agent"])),
  );
};
