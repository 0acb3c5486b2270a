import { createEmailVerificationToken, isAPIError } from "better-auth/api";
import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { dateInZone } from "../../core/dates.ts";
import { isRole } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import type { TtlCache } from "../../shared/ttl-cache.ts";
import * as apiTokens from "../api-tokens/api-tokens.usecases.ts";
import * as notifications from "../notifications/notifications.usecases.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as repo from "./auth.repository.ts";
import { assertPasswordNotCommon } from "./password-policy.ts";
import { readSessionToken } from "./session-cookie.ts";
import { renderSignupAttemptEmail } from "./signup-attempt-email.ts";

/** better-auth extends a session once it is older than the update age, i.e. this much before it expires. */
const SESSION_REFRESH_WHEN_LEFT_MS = (SESSION_EXPIRES_IN_SECONDS - SESSION_UPDATE_AGE_SECONDS) * 1000;

import type { Me, SignupInput } from "./auth.schemas.ts";
import { type Auth, SESSION_EXPIRES_IN_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./auth.ts";
import { renderVerificationEmail, VERIFICATION_EXPIRES_IN_SECONDS } from "./verification-email.ts";

type Deps = { db: Kysely<DB>; clock: Clock; auth: Auth };

/**
 * Recently verified sessions, so a busy browser costs one query per few
 * seconds instead of one per request. Signing out here evicts at once; a
 * session revoked elsewhere (another instance, an admin) stops working within
 * the cache's lifetime (config: TRUSTLEDGER_SESSION_CACHE_MS, default 5 s).
 */
export type SessionCache = TtlCache<{ actor: Actor; expiresAt: number }>;
type AuthenticateDeps = Deps & { sessionCache?: SessionCache | undefined };

/** What a signed-in request carries back to the browser: who they are and the cookies to set. */
export type SignedIn = { me: Me; setCookie: string[] };

const invalidCredentials = () => new AppError("auth.invalid_credentials", 401);

type SignupDeps = Deps & { baseUrl: string; kickJobs?: (() => void) | undefined };

/**
 * A new user and their new organization; the caller then signs in. The answer
 * is the same whether the address was new or already had an account, so
 * sign-up cannot tell anyone who has one: no session is handed out here, and
 * an address that has an account gets nothing new, only an e-mail to its owner
 * (at most one a day). Nothing stays behind when a step fails. The e-mail
 * asking a new user to confirm their address is queued in the same transaction
 * as the organization; until they follow its link, the organization sends no
 * other e-mail.
 */
export async function signup(deps: SignupDeps, input: SignupInput, requestHeaders: Headers, language: "nl" | "en" = "en"): Promise<void> {
  const acceptLanguage = requestHeaders.get("accept-language") ?? undefined;
  assertPasswordNotCommon(input.password, input.email, acceptLanguage);
  const existing = await organizations.findUserByEmail(deps, input.email);
  if (existing) {
    // As long as creating the account would take: hashing is most of it.
    await (await deps.auth.$context).password.hash(input.password);
    await tellOwnerOfSignupAttempt(deps, existing.id, input.email, language);
    return;
  }
  const created = await callAuth(() =>
    deps.auth.api.signUpEmail({ body: { email: input.email, password: input.password, name: input.name } }),
  );
  const user = created.user;
  try {
    if (created.token) await repo.deleteSessionByToken(deps.db, created.token);
    await deps.db.transaction().execute(async (trx) => {
      const organization = await organizations.createOrganization(
        { ...deps, db: trx },
        { name: input.organizationName, ownerUserId: user.id },
      );
      await queueVerificationEmail({ ...deps, db: trx }, { user, orgId: organization.id, organizationName: organization.name, language });
    });
  } catch (error) {
    await repo.deleteUser(deps.db, user.id);
    throw error;
  }
}

async function queueVerificationEmail(
  deps: Deps,
  input: { user: { id: string; email: string; name: string }; orgId: string; organizationName: string; language: "nl" | "en" },
): Promise<void> {
  // better-auth's own token (a signed JWT holding the address), checked by its verifyEmail.
  const token = await createEmailVerificationToken(
    deps.auth.options.secret ?? "",
    input.user.email,
    undefined,
    VERIFICATION_EXPIRES_IN_SECONDS,
    { userId: input.user.id },
  );
  const link = new URL(`/verify-email?token=${encodeURIComponent(token)}`, deps.auth.options.baseURL as string).toString();
  const email = renderVerificationEmail({
    language: input.language,
    name: input.user.name,
    organizationName: input.organizationName,
    link,
  });
  await notifications.queueEmail(deps.db, deps.clock, {
    orgId: input.orgId,
    to: input.user.email,
    language: input.language,
    subject: email.subject,
    text: email.text,
    kind: notifications.VERIFICATION_KIND,
    dedupeKey: `verify-email:${input.user.id}:${deps.clock.now().getTime()}`,
  });
}

/** Follows the link of the confirmation e-mail: the address is confirmed (better-auth checks the token). */
export async function verifyEmail(deps: Deps, token: string): Promise<{ email: string }> {
  try {
    await deps.auth.api.verifyEmail({ query: { token } });
    // The token's signature was checked just now; its payload names the address.
    const email = emailInToken(token);
    await notifications.withdrawVerificationEmails(deps.db, email);
    return { email };
  } catch (error) {
    if (isAPIError(error)) throw new AppError("auth.invalid_verification_link", 400);
    throw error;
  }
}

function emailInToken(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { email?: unknown };
  return String(payload.email ?? "");
}

/** Users created outside sign-up (the command line, the demo) are vouched for by whoever runs the installation. */
async function markVerified(deps: Pick<Deps, "db">, userId: string): Promise<void> {
  await repo.markEmailVerified(deps.db, userId);
}

async function tellOwnerOfSignupAttempt(deps: SignupDeps, userId: string, email: string, language: "nl" | "en"): Promise<void> {
  // Outgoing e-mail belongs to an organization; an account without one has no one to send it for.
  const membership = await organizations.resolveMembership(deps, null, userId);
  if (!membership) return;
  const message = renderSignupAttemptEmail({ language, signinLink: new URL("/signin", deps.baseUrl).toString() });
  const queued = await notifications.queueEmail(deps.db, deps.clock, {
    orgId: membership.orgId,
    to: email,
    language,
    subject: message.subject,
    text: message.text,
    kind: "signup_attempt",
    dedupeKey: `signup-attempt:${userId}:${dateInZone("UTC", deps.clock.now())}`,
  });
  if (queued) deps.kickJobs?.();
}

export async function signin(deps: Deps, input: { email: string; password: string }, requestHeaders: Headers): Promise<SignedIn> {
  const result = await callAuth(() => deps.auth.api.signInEmail({ body: input, headers: requestHeaders, returnHeaders: true }));
  const user = result.response.user;
  const membership = await organizations.resolveMembership(deps, null, user.id);
  if (!membership) {
    await repo.deleteSessionByToken(deps.db, result.response.token);
    throw new AppError("auth.no_organization", 403);
  }
  await repo.setActiveOrganization(deps.db, result.response.token, membership.orgId);
  return {
    me: {
      id: user.id,
      email: user.email,
      name: user.name,
      organizationId: membership.orgId,
      organizationName: membership.organizationName,
      role: membership.role,
    },
    setCookie: result.headers.getSetCookie(),
  };
}

export async function signout(deps: AuthenticateDeps, requestHeaders: Headers): Promise<string[]> {
  const cookieName = (await deps.auth.$context).authCookies.sessionToken.name;
  const token = readSessionToken(requestHeaders.get("cookie"), cookieName, deps.auth.options.secret ?? "");
  if (token) deps.sessionCache?.delete(token);
  try {
    const result = await deps.auth.api.signOut({ headers: requestHeaders, returnHeaders: true });
    return result.headers.getSetCookie();
  } catch {
    // Signing out without a valid session is already the state asked for.
    return [];
  }
}

/** A user with a password, not signed in (CLI and demo data). */
export async function createUser(deps: Deps, input: { email: string; password: string; name: string }): Promise<{ id: string }> {
  assertPasswordNotCommon(input.password, input.email);
  if (await organizations.findUserByEmail(deps, input.email)) throw new AppError("auth.email_taken", 409);
  const created = await callAuth(() => deps.auth.api.signUpEmail({ body: input }));
  if (created.token) await repo.deleteSessionByToken(deps.db, created.token);
  await markVerified(deps, created.user.id);
  return { id: created.user.id };
}

/** Accepting an invitation: with a new account, or with the password of an existing one. */
export async function acceptInvitation(
  deps: Deps,
  invitationId: string,
  input: { name?: string | undefined; password: string },
  requestHeaders: Headers,
): Promise<SignedIn> {
  const invitation = await organizations.describeInvitation(deps, invitationId);
  let signedIn: { token: string; userId: string; setCookie: string[] };
  if (await organizations.findUserByEmail(deps, invitation.email)) {
    const result = await callAuth(() =>
      deps.auth.api.signInEmail({
        body: { email: invitation.email, password: input.password },
        headers: requestHeaders,
        returnHeaders: true,
      }),
    );
    signedIn = { token: result.response.token, userId: result.response.user.id, setCookie: result.headers.getSetCookie() };
  } else {
    if (!input.name) throw new AppError("request.validation_failed", 400, { fields: "name" });
    assertPasswordNotCommon(input.password, invitation.email, requestHeaders.get("accept-language") ?? undefined);
    const result = await callAuth(() =>
      deps.auth.api.signUpEmail({
        body: { email: invitation.email, password: input.password, name: input.name ?? "" },
        headers: requestHeaders,
        returnHeaders: true,
      }),
    );
    signedIn = { token: result.response.token ?? "", userId: result.response.user.id, setCookie: result.headers.getSetCookie() };
  }
  const { orgId } = await organizations.joinByInvitation(deps, invitationId, signedIn.userId);
  // The invitation reached this address, and its link is the proof.
  await markVerified(deps, signedIn.userId);
  await repo.setActiveOrganization(deps.db, signedIn.token, orgId);
  const me = await describeMe(deps, { userId: signedIn.userId, orgId, role: invitation.role, via: "session" });
  return { me, setCookie: signedIn.setCookie };
}

/**
 * Who is calling: an API token (Authorization: Bearer …) or a session cookie.
 * Undefined when neither proves anything; a presented but invalid token is an error.
 * `tokenScopes` is set for a token: what it may do (core/token-scopes.ts).
 * `setCookie` is set when the session was extended and the browser must store it again.
 */
export async function authenticate(
  deps: AuthenticateDeps,
  headers: Headers,
): Promise<{ actor: Actor; setCookie?: string[]; tokenScopes?: string[] } | undefined> {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const resolved = await apiTokens.resolveToken(deps, authorization.slice(7).trim());
    if (!resolved) throw new AppError("auth.invalid_token", 401);
    return { actor: resolved.actor, tokenScopes: resolved.scopes };
  }
  const cookieName = (await deps.auth.$context).authCookies.sessionToken.name;
  const token = readSessionToken(headers.get("cookie"), cookieName, deps.auth.options.secret ?? "");
  if (!token) return undefined;
  const now = deps.clock.now().getTime();
  const cached = deps.sessionCache?.get(token, now);
  if (cached && cached.expiresAt - now >= SESSION_REFRESH_WHEN_LEFT_MS) return { actor: cached.actor };
  const session = await repo.findSessionWithRole(deps.db, token);
  if (!session || new Date(session.expiresAt).getTime() <= now) return undefined;

  let setCookie: string[] | undefined;
  if (new Date(session.expiresAt).getTime() - now < SESSION_REFRESH_WHEN_LEFT_MS) {
    // Sliding sessions: let better-auth extend it and re-issue the cookie (about once a day per session).
    const refreshed = await deps.auth.api.getSession({ headers, returnHeaders: true });
    if (!refreshed.response) return undefined;
    setCookie = refreshed.headers.getSetCookie();
  }
  if (session.role && isRole(session.role) && session.activeOrganizationId) {
    const actor: Actor = { userId: session.userId, orgId: session.activeOrganizationId, role: session.role, via: "session" };
    if (!setCookie) deps.sessionCache?.set(token, { actor, expiresAt: new Date(session.expiresAt).getTime() }, now);
    return { actor, setCookie };
  }
  // No active organization on the session, or the membership changed: pick the user's first one.
  const membership = await organizations.resolveMembership(deps, session.activeOrganizationId, session.userId);
  if (!membership) return undefined;
  await repo.setActiveOrganization(deps.db, token, membership.orgId);
  return { actor: { userId: session.userId, orgId: membership.orgId, role: membership.role, via: "session" }, setCookie };
}

export async function describeMe(deps: Pick<Deps, "db">, actor: Actor): Promise<Me> {
  const [user, organization] = await Promise.all([repo.findUser(deps.db, actor.userId), organizations.findOrganization(deps, actor.orgId)]);
  if (!user || !organization) throw new AppError("auth.unauthenticated", 401);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    organizationId: organization.id,
    organizationName: organization.name,
    role: actor.role,
  };
}

/** Turns better-auth's errors into ours: its messages are English-only and its codes its own. */
async function callAuth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // isAPIError, not instanceof: input-check failures come from better-call's own APIError class.
    if (isAPIError(error)) {
      const code = String((error.body as { code?: string } | undefined)?.code ?? "");
      if (code === "VALIDATION_ERROR") throw new AppError("request.validation_failed", 400, { fields: invalidFields(error.message) });
      if (code.includes("ALREADY_EXISTS")) throw new AppError("auth.email_taken", 409);
      if (code.includes("PASSWORD_TOO")) throw new AppError("auth.weak_password", 400);
      if (error.statusCode === 401 || code.includes("INVALID")) throw invalidCredentials();
    }
    throw error;
  }
}

/** The fields better-auth's own input check names: "[body.email] Invalid email address" → "email". */
function invalidFields(message: string): string {
  const fields = [...message.matchAll(/\[(?:body|query)\.([^\]]+)\]/g)].map((match) => match[1]);
  return fields.length > 0 ? [...new Set(fields)].join(", ") : "-";
}
