import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { languageFromHeader, translate } from "../../i18n/translate.ts";
import type { Clock } from "../../shared/clock.ts";
import { errorResponse } from "../../shared/fields.ts";
import { meSchema, signinBody, signupAcceptedSchema, signupBody, verifiedSchema, verifyEmailBody } from "./auth.schemas.ts";
import type { Auth } from "./auth.ts";
import * as usecases from "./auth.usecases.ts";
import { requireActor, toHeaders } from "./request-context.ts";

type Deps = {
  db: Kysely<DB>;
  clock: Clock;
  auth: Auth;
  baseUrl: string;
  sessionCache?: usecases.SessionCache | undefined;
  kickJobs?: (() => void) | undefined;
};

/** Failed and successful sign-ins alike count; 10 per quarter hour per address and e-mail. */
const SIGNIN_LIMIT = { max: 10, timeWindow: 15 * 60 * 1000 };
const SIGNUP_LIMIT = { max: 20, timeWindow: 60 * 60 * 1000 };

/** Per address and e-mail, so one person's wrong guesses do not lock out a whole office behind one address. */
function signinKey(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip}|${String(email ?? "")
    .trim()
    .toLowerCase()}`;
}

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    "/signup",
    {
      config: { public: true, rateLimit: SIGNUP_LIMIT },
      schema: {
        tags: ["session"],
        summary: "Create an account and its organization; then sign in with POST /session",
        description:
          "Answers 202 with the same message whether the address is new or already has an account (which gets nothing new; " +
          "its owner gets an e-mail), so sign-up does not reveal who has an account.",
        body: signupBody,
        response: { 202: signupAcceptedSchema, 400: errorResponse },
      },
    },
    async (request, reply) => {
      const language = languageFromHeader(request.headers["accept-language"]);
      await usecases.signup(deps, request.body, toHeaders(request), language);
      return reply.code(202).send({ status: "accepted" as const, message: translate(language, "auth.signup_accepted") });
    },
  );

  app.post(
    "/verify-email",
    {
      config: { public: true, rateLimit: SIGNUP_LIMIT },
      schema: {
        tags: ["session"],
        summary: "Confirm an e-mail address with the token from the link sent at sign-up",
        body: verifyEmailBody,
        response: { 200: verifiedSchema, 400: errorResponse },
      },
    },
    async (request) => usecases.verifyEmail(deps, request.body.token),
  );

  app.post(
    "/session",
    {
      config: {
        public: true,
        rateLimit: {
          ...SIGNIN_LIMIT,
          // The key needs the e-mail from the body; by default the limit runs on onRequest, before the body is parsed.
          hook: "preValidation",
          keyGenerator: signinKey,
        },
      },
      schema: {
        tags: ["session"],
        summary: "Sign in with e-mail and password",
        body: signinBody,
        response: { 200: meSchema, 401: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const { me, setCookie } = await usecases.signin(deps, request.body, toHeaders(request));
      return reply.header("set-cookie", setCookie).send(me);
    },
  );

  app.delete(
    "/session",
    { config: { public: true }, schema: { tags: ["session"], summary: "Sign out", response: { 204: z.null() } } },
    async (request, reply) => {
      const setCookie = await usecases.signout(deps, toHeaders(request));
      return reply.header("set-cookie", setCookie).code(204).send(null);
    },
  );

  app.get("/me", { schema: { tags: ["session"], summary: "Who am I", response: { 200: meSchema, 401: errorResponse } } }, async (request) =>
    usecases.describeMe(deps, requireActor(request)),
  );
};
