/**
 * What an API token may do. A token carries one or more scopes, chosen when it
 * is made; its owner's role still applies on top (an advisor's admin token
 * cannot manage members). write and admin include read.
 */
export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * What each route needs from a token:
 * - a scope: the token must carry it;
 * - "session": only a signed-in browser session, never a token. Tokens, calendar
 *   addresses and portal links are new secrets: a leaked token that could make
 *   them would outlive its own revocation;
 * - "public": no one needs to be signed in (the route checks its own secret).
 *
 * Every route of /api/v1 is listed (a test walks the live routes against this
 * table); a route missing here is refused to every token.
 */
export type RouteAccess = TokenScope | "session" | "public";

export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  "POST /api/v1/signup": "public",
  "POST /api/v1/verify-email": "public",
  "POST /api/v1/session": "public",
  "DELETE /api/v1/session": "public",
  "GET /api/v1/me": "read",

  "GET /api/v1/members": "read",
  "PATCH /api/v1/members/:userId": "admin",
  "PUT /api/v1/members/:userId/expertise": "admin",
  "GET /api/v1/expertise": "read",
  "POST /api/v1/invitations": "admin",
  "GET /api/v1/invitations": "read",
  "DELETE /api/v1/invitations/:id": "admin",
  "GET /api/v1/invitations/:id/public": "public",
  "POST /api/v1/invitations/:id/accept": "public",

  "GET /api/v1/teams": "read",
  "POST /api/v1/teams": "admin",
  "PATCH /api/v1/teams/:id": "admin",
  "DELETE /api/v1/teams/:id": "admin",
  "PUT /api/v1/teams/:id/members": "admin",

  "GET /api/v1/clients": "read",
  "POST /api/v1/clients": "write",
  "GET /api/v1/clients/:id": "read",
  "PATCH /api/v1/clients/:id": "write",
  "POST /api/v1/clients/:id/archive": "write",
  "POST /api/v1/clients/:id/restore": "write",
  "GET /api/v1/clients/:id/contacts": "read",
  "POST /api/v1/clients/:id/contacts": "write",
  "PATCH /api/v1/clients/:id/contacts/:contactId": "write",
  "DELETE /api/v1/clients/:id/contacts/:contactId": "write",

  "POST /api/v1/interactions": "write",
  "GET /api/v1/interactions/:id": "read",
  "GET /api/v1/clients/:id/interactions": "read",
  "GET /api/v1/clients/:id/timeline": "read",
  "GET /api/v1/search": "read",

  "GET /api/v1/api-tokens": "session",
  "POST /api/v1/api-tokens": "session",
  "DELETE /api/v1/api-tokens/:id": "session",

  // Everything the organization holds in one file: as much as an admin setting.
  "GET /api/v1/export": "admin",

  "GET /api/v1/settings/working-time": "read",
  "PUT /api/v1/settings/working-time": "admin",
  // Computes a due time; changes nothing.
  "POST /api/v1/working-time/due": "read",
  "GET /api/v1/sla-policies": "read",
  "POST /api/v1/sla-policies": "admin",
  "PATCH /api/v1/sla-policies/:id": "admin",
  "DELETE /api/v1/sla-policies/:id": "admin",
  "GET /api/v1/clients/:id/sla-overrides": "read",
  "PUT /api/v1/clients/:id/sla-overrides/:policyId": "admin",
  "DELETE /api/v1/clients/:id/sla-overrides/:policyId": "admin",

  "GET /api/v1/clients/:id/trust": "read",
  "GET /api/v1/clients/:id/trust/evidence": "read",
  "GET /api/v1/clients/:id/trust/history": "read",
  "POST /api/v1/clients/:id/evidence": "write",
  "GET /api/v1/trust/settings": "read",
  "PUT /api/v1/trust/settings": "admin",
  "POST /api/v1/trust/settings/preview": "admin",
  "POST /api/v1/trust/backfill": "admin",
  "GET /api/v1/at-risk": "read",
  "POST /api/v1/at-risk/:id/acknowledge": "write",
  "PUT /api/v1/clients/:id/contact-rhythm": "write",
  // One's own profile and self-assessment; a team's only added together (leads, admins).
  "GET /api/v1/me/trust-profile": "read",
  "PUT /api/v1/me/self-assessment": "write",
  "GET /api/v1/teams/:id/trust-profile": "read",
  // How the client keeps its side: apart from the trust scores.
  "GET /api/v1/clients/:id/conduct": "read",
  "POST /api/v1/clients/:id/conduct": "write",

  "GET /api/v1/contracts": "read",
  "POST /api/v1/contracts": "write",
  "GET /api/v1/contracts/:id": "read",
  "POST /api/v1/contracts/:id/increases": "write",
  "GET /api/v1/contracts/:id/audit": "read",
  "POST /api/v1/contracts/:id/corrections": "write",
  "GET /api/v1/engagements": "read",
  "POST /api/v1/engagements": "write",
  "GET /api/v1/engagements/:id": "read",
  "PUT /api/v1/engagements/:id/analysis": "write",
  "POST /api/v1/engagements/:id/stage": "write",
  "POST /api/v1/engagements/:id/decline": "write",
  "POST /api/v1/engagements/:id/advice": "write",
  "POST /api/v1/engagements/:id/disagreements": "write",
  "GET /api/v1/pull-ratio": "read",
  "GET /api/v1/integrity": "read",
  "GET /api/v1/contracts/:id/correction-letter": "read",
  "POST /api/v1/contracts/import": "write",
  "GET /api/v1/incidents": "read",
  "POST /api/v1/incidents": "write",
  "GET /api/v1/incidents/:id": "read",
  "PATCH /api/v1/incidents/:id": "write",
  "POST /api/v1/incidents/:id/disclosures": "write",
  "GET /api/v1/incidents/:id/disclosure-draft": "read",
  "POST /api/v1/incidents/:id/non-disclosures": "write",
  "POST /api/v1/incidents/:id/non-disclosures/:nid/approve": "write",
  "GET /api/v1/incident-policy": "read",
  "PUT /api/v1/incident-policy": "admin",
  "GET /api/v1/index-series": "read",
  "GET /api/v1/index-series/:id": "read",
  "POST /api/v1/index-series/import": "admin",
  "GET /api/v1/rate-card": "read",
  "POST /api/v1/rate-card": "admin",
  "DELETE /api/v1/rate-card/:id": "admin",
  "PUT /api/v1/rate-card/settings": "admin",
  "GET /api/v1/rate-card/fairness": "read",
  "PUT /api/v1/rate-card/fairness/:contractId/lines/:lineId/reason": "write",
  "POST /api/v1/commitments": "write",
  "GET /api/v1/commitments": "read",
  "GET /api/v1/commitments/:id": "read",
  "POST /api/v1/commitments/:id/complete": "write",
  "POST /api/v1/commitments/:id/reopen": "write",
  "POST /api/v1/commitments/:id/renegotiate": "write",
  "POST /api/v1/commitments/:id/break": "write",
  "POST /api/v1/commitments/:id/cancel": "write",
  "POST /api/v1/commitments/:id/reassign": "write",
  "GET /api/v1/commitments/:id/client-notice": "read",
  // Sends an e-mail to the client.
  "POST /api/v1/commitments/:id/client-notice": "write",
  "GET /api/v1/my-day": "read",
  "GET /api/v1/reliability": "read",
  // Reads a sentence and proposes a promise; stores nothing.
  "POST /api/v1/commitments/suggestions": "read",

  // The feed's address is a secret of its own.
  "GET /api/v1/calendar-feed": "session",
  "POST /api/v1/calendar-feed": "session",
  "DELETE /api/v1/calendar-feed": "session",
  "GET /api/v1/calendar/:token": "public",

  // Portal links are secrets handed to clients.
  "GET /api/v1/clients/:id/portal-links": "session",
  "POST /api/v1/clients/:id/portal-links": "session",
  "DELETE /api/v1/clients/:id/portal-links/:linkId": "session",
  "GET /api/v1/portal/:token": "public",
  "GET /api/v1/portal/:token/pulse": "public",
  "POST /api/v1/portal/:token/pulse": "public",
  "POST /api/v1/clients/:id/pulse-requests": "session",
  "GET /api/v1/clients/:id/pulse": "read",
  "GET /api/v1/clients/:id/team-pulse": "session",
  "POST /api/v1/clients/:id/team-pulse": "session",
  // What a portal shows: no secret is made, so a token may read and (write) change it.
  "GET /api/v1/clients/:id/portal-settings": "read",
  "PUT /api/v1/clients/:id/portal-settings": "write",

  "GET /api/v1/callbacks/preview": "read",
  "POST /api/v1/callbacks": "write",
  "GET /api/v1/callbacks/:id": "read",
  "POST /api/v1/callbacks/:id/accept": "write",
  "POST /api/v1/callbacks/:id/attempts": "write",
  "POST /api/v1/callbacks/:id/outcome": "write",

  "GET /api/v1/notifications": "read",
  "POST /api/v1/notifications/:id/read": "write",
  "POST /api/v1/notifications/read-all": "write",
  "GET /api/v1/system/status": "read",
  "GET /api/v1/system/deliveries": "read",
  "POST /api/v1/system/deliveries/:id/retry": "admin",
  "POST /api/v1/system/deliveries/:id/dismiss": "admin",
};

/** Whether a token with these scopes may call the route (`method` and Fastify's route pattern). */
export function tokenMayCall(scopes: readonly string[], method: string, routeUrl: string): boolean {
  const access = ROUTE_ACCESS[`${method.toUpperCase()} ${routeUrl}`];
  if (access === undefined || access === "session") return false;
  if (access === "public") return true;
  if (access === "read") return scopes.length > 0;
  return scopes.includes(access);
}

/** Stored in a fixed order without repeats, so lists and comparisons are stable. */
export function normalizeScopes(scopes: readonly string[]): TokenScope[] {
  return TOKEN_SCOPES.filter((scope) => scopes.includes(scope));
}
