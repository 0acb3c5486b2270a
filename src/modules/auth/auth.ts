import { betterAuth } from "better-auth";
import { organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, memberAc } from "better-auth/plugins/organization/access";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Logger } from "../../shared/logger.ts";

export const SESSION_COOKIE_PREFIX = "trustledger";
const DAY_SECONDS = 24 * 60 * 60;
export const SESSION_EXPIRES_IN_SECONDS = 14 * DAY_SECONDS;
export const SESSION_UPDATE_AGE_SECONDS = DAY_SECONDS;

/**
 * Passwords, sessions, organizations, memberships and invitations are handled by
 * better-auth, on the same Kysely instance (and so the same PGlite queue) as the
 * rest of the app. Its HTTP handler is not mounted: our own /api/v1 routes call
 * `auth.api.*` so that every answer has our error shape and language.
 */
export function createAuth(options: { db: Kysely<DB>; secret: string; baseUrl: string; logger?: Logger }) {
  const ac = createAccessControl(defaultStatements);
  const noOrganizationRights = ac.newRole(memberAc.statements);
  return betterAuth({
    appName: "Trustledger",
    ...(options.logger ? { logger: intoOurLog(options.logger) } : {}),
    database: { db: options.db, type: "postgres", transaction: true },
    secret: options.secret,
    baseURL: options.baseUrl,
    basePath: "/api/auth",
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    session: {
      expiresIn: SESSION_EXPIRES_IN_SECONDS,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
    },
    // Our own routes are rate limited (see http/rate-limits.ts).
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [
      organization({
        ac,
        roles: {
          admin: ac.newRole(adminAc.statements),
          lead: noOrganizationRights,
          advisor: noOrganizationRights,
          frontdesk: noOrganizationRights,
        },
        creatorRole: "admin",
        invitationExpiresIn: 7 * DAY_SECONDS,
        cancelPendingInvitationsOnReInvite: true,
      }),
    ],
  });
}

/**
 * better-auth writes its messages ("Invalid password" on every failed sign-in)
 * straight to the console whatever LOG_LEVEL says. Handed every level, they go
 * through our logger instead, which applies LOG_LEVEL and the redaction rules.
 */
function intoOurLog(logger: Logger) {
  return {
    level: "debug" as const,
    log: (level: "debug" | "info" | "warn" | "error", message: string, ...args: unknown[]) => {
      const [first] = args;
      const context = first instanceof Error ? { err: first } : args.length > 0 ? { details: args } : {};
      logger[level]({ ...context, source: "better-auth" }, message);
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
