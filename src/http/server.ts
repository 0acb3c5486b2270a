import { existsSync } from "node:fs";
import path from "node:path";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { ROUTE_ACCESS, tokenMayCall } from "../core/token-scopes.ts";
import type { DB } from "../db/schema.ts";
import { languageFromHeader, translate } from "../i18n/translate.ts";
import { apiTokensRoutes } from "../modules/api-tokens/api-tokens.routes.ts";
import { authRoutes } from "../modules/auth/auth.routes.ts";
import type { Auth } from "../modules/auth/auth.ts";
import { authenticate, type SessionCache } from "../modules/auth/auth.usecases.ts";
import { toHeaders } from "../modules/auth/request-context.ts";
import { calendarRoutes } from "../modules/calendar/calendar.routes.ts";
import { callbacksRoutes } from "../modules/callbacks/callbacks.routes.ts";
import { clientConductRoutes } from "../modules/client-conduct/client-conduct.routes.ts";
import { clientsRoutes } from "../modules/clients/clients.routes.ts";
import { commitmentsRoutes } from "../modules/commitments/commitments.routes.ts";
import { contractsRoutes } from "../modules/contracts/contracts.routes.ts";
import { engagementsRoutes } from "../modules/engagements/engagements.routes.ts";
import { exportRoutes } from "../modules/export/export.routes.ts";
import { incidentsRoutes } from "../modules/incidents/incidents.routes.ts";
import { indexSeriesRoutes } from "../modules/index-series/index-series.routes.ts";
import { integrityRoutes } from "../modules/integrity/integrity.routes.ts";
import { interactionsRoutes } from "../modules/interactions/interactions.routes.ts";
import type { Mailer } from "../modules/notifications/mailer.ts";
import { notificationsRoutes, systemRoutes } from "../modules/notifications/notifications.routes.ts";
import { organizationsRoutes } from "../modules/organizations/organizations.routes.ts";
import { portalRoutes } from "../modules/portal/portal.routes.ts";
import { pulseRoutes } from "../modules/pulse/pulse.routes.ts";
import { rateCardRoutes } from "../modules/rate-card/rate-card.routes.ts";
import { searchRoutes } from "../modules/search/search.routes.ts";
import { suggestionsRoutes } from "../modules/suggestions/suggestions.routes.ts";
import { teamsRoutes } from "../modules/teams/teams.routes.ts";
import { timelineRoutes } from "../modules/timeline/timeline.routes.ts";
import { trustProfileRoutes } from "../modules/trust/trust.profile.routes.ts";
import { trustRoutes } from "../modules/trust/trust.routes.ts";
import { workingTimeRoutes } from "../modules/working-time/working-time.routes.ts";
import { AppError } from "../shared/app-error.ts";
import type { Clock } from "../shared/clock.ts";
import type { CursorCodec } from "../shared/cursor.ts";
import type { Logger } from "../shared/logger.ts";
import { findUnstorableText } from "../shared/nul.ts";
import type { Signer } from "../shared/signer.ts";
import { installErrorHandler, sendFrameworkError, sendNotFound } from "./error-handler.ts";
import { databaseRateLimitStore } from "./rate-limit-store.ts";
import { isForeignWrite } from "./same-origin.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Routes anyone may call without signing in. */
    public?: boolean;
  }
}

export type HttpDeps = {
  db: Kysely<DB>;
  clock: Clock;
  auth: Auth;
  cursor: CursorCodec;
  logger: Logger;
  ping: () => Promise<boolean>;
  trustProxy: boolean;
  /** The built web app; when absent only the API is served. */
  webRoot?: string | undefined;
  version: string;
  /** The address users reach the app on: links in e-mails and calendar feeds point here. */
  baseUrl: string;
  /** Signs client portal tokens. */
  portalSigner: Signer;
  logRequests?: boolean;
  sessionCache?: SessionCache | undefined;
  /** Whether e-mail goes out over SMTP or waits in the outbox (shown on the System page). */
  mailer: Pick<Mailer, "mode">;
  /** Asks the job runner for a sweep now, after queueing e-mail; absent when no job runner runs here. */
  kickJobs?: (() => void) | undefined;
};

/** Body size limit: generous for JSON, far below what could hurt. */
const BODY_LIMIT = 1024 * 1024;

export async function createHttpServer(deps: HttpDeps) {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy: deps.trustProxy,
    // One line per request is noise at our volumes; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: !deps.logRequests }),
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed percent-escape or an overlong path parameter never reaches a route or the error handler.
    frameworkErrors: (error, request, reply) => sendFrameworkError(error, request, setSecurityHeaders(reply)),
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON only; Fastify would otherwise hand a text/plain body to the schema as a string.
  app.removeContentTypeParser("text/plain");

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  app.addHook("onSend", async (_request, reply) => {
    setSecurityHeaders(reply);
  });

  // Before anything else runs: a write sent by another site's page never reaches a route.
  const baseOrigin = new URL(deps.baseUrl).origin;
  app.addHook("onRequest", async (request) => {
    if (isForeignWrite(request.method, request.headers, baseOrigin)) {
      throw new AppError("request.foreign_origin", 403, { baseUrl: baseOrigin });
    }
  });

  await app.register(rateLimit, {
    global: false,
    // Counted in the database: every instance on it enforces the same limit.
    store: databaseRateLimitStore(deps.db, deps.logger),
    // A limit that cannot be counted lets the request through (logged by the store) rather than failing it.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new AppError("request.rate_limited", 429, { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Trustledger API",
        version: deps.version,
        description:
          "Clients, contacts, members and teams of one organization. Authenticate with the session cookie of " +
          "POST /api/v1/session or with `Authorization: Bearer <API token>`. Errors are " +
          "`{ error: { code, message } }`, the message in the language of Accept-Language (nl or en).",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "trustledger.session_token" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    const ready = await deps.ping();
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "database unreachable" });
  });

  await app.register(
    async (api) => {
      // Who is calling, before validation: an anonymous caller gets 401, not a 400 about its body.
      api.addHook("onRequest", async (request, reply) => {
        const authenticated = await authenticate(deps, toHeaders(request));
        if (authenticated) {
          if (authenticated.tokenScopes) refuseOutsideScopes(request, authenticated.tokenScopes);
          request.actor = authenticated.actor;
          if (authenticated.setCookie?.length) reply.header("set-cookie", authenticated.setCookie);
        } else if (!request.routeOptions.config.public) {
          throw new AppError("auth.unauthenticated", 401);
        }
      });
      api.addHook("preValidation", async (request) => refuseNul(request));
      await api.register(authRoutes, { deps });
      await api.register(organizationsRoutes, { deps });
      await api.register(teamsRoutes, { deps });
      await api.register(clientsRoutes, { deps });
      await api.register(apiTokensRoutes, { deps });
      await api.register(exportRoutes, { deps });
      await api.register(workingTimeRoutes, { deps });
      await api.register(commitmentsRoutes, { deps });
      await api.register(suggestionsRoutes, { deps });
      await api.register(calendarRoutes, { deps });
      await api.register(portalRoutes, { deps });
      await api.register(callbacksRoutes, { deps });
      await api.register(interactionsRoutes, { deps });
      await api.register(timelineRoutes, { deps });
      await api.register(searchRoutes, { deps });
      await api.register(notificationsRoutes, { deps });
      await api.register(trustRoutes, { deps });
      await api.register(pulseRoutes, { deps });
      await api.register(trustProfileRoutes, { deps });
      await api.register(clientConductRoutes, { deps });
      await api.register(incidentsRoutes, { deps });
      await api.register(contractsRoutes, { deps });
      await api.register(engagementsRoutes, { deps });
      await api.register(integrityRoutes, { deps });
      await api.register(indexSeriesRoutes, { deps });
      await api.register(rateCardRoutes, { deps });
      await api.register(systemRoutes, { deps });
    },
    { prefix: "/api/v1" },
  );

  const webRoot = deps.webRoot;
  const hasWeb = webRoot !== undefined && existsSync(path.join(webRoot, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ["index.html"] });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === "GET" && !request.url.startsWith("/api/") && request.headers.accept?.includes("text/html");
    if (hasWeb && isPage) return reply.type("text/html").sendFile("index.html");
    return sendNotFound(request, reply);
  });

  return app;
}

/**
 * Scripts only from our own files (the built web app has no inline script), so
 * injected markup cannot run code. Styles may be inline: Mantine sets its CSS
 * variables and component styles with style elements and attributes. Images
 * may be data: URLs (the favicon, the API docs' icons). No one may frame us.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** On every answer; also set directly on answers Fastify gives before routing, which skip the onSend hook. */
function setSecurityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header("content-security-policy", CONTENT_SECURITY_POLICY)
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "same-origin")
    .header("x-frame-options", "DENY");
}

/** A token does only what its scopes allow, and never what needs a session (core/token-scopes.ts). */
function refuseOutsideScopes(request: FastifyRequest, scopes: string[]): void {
  // HEAD is answered by the GET route.
  const method = request.method === "HEAD" ? "GET" : request.method;
  const url = request.routeOptions.url ?? "";
  if (tokenMayCall(scopes, method, url)) return;
  const access = ROUTE_ACCESS[`${method} ${url}`];
  if (access === undefined || access === "session") throw new AppError("tokens.session_only", 403);
  throw new AppError("tokens.scope_missing", 403, { scope: access });
}

/**
 * PostgreSQL cannot store the NUL character or a lone UTF-16 surrogate, and
 * every string of a request may end up there: refuse them in the body, query
 * or path with a 400 instead of a 500 from the database. A hook on the decoded
 * request rather than a refinement on each schema's strings: it covers every
 * route of this scope, also those added later and fields typed z.string()
 * without a shared shape, and object keys, which no field schema sees.
 */
function refuseNul(request: FastifyRequest): void {
  const parts = { body: request.body, querystring: request.query, params: request.params };
  for (const [part, value] of Object.entries(parts)) {
    const found = findUnstorableText(value);
    if (found === undefined) continue;
    const path = found.path || part;
    const [code, key] =
      found.reason === "nul" ? (["invalid_value", "field.invalid_value"] as const) : (["invalid_text", "field.invalid_text"] as const);
    const message = translate(languageFromHeader(request.headers["accept-language"]), key);
    throw new AppError("request.validation_failed", 400, { fields: path }, { fields: [{ path, code, message }] });
  }
}
