/**
 * The roles of a member of an organization, and what each may do. Pure rules:
 * the HTTP layer and use-cases ask these, never compare role strings themselves.
 */
export const ROLES = ["admin", "lead", "advisor", "frontdesk"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Users, roles, invitations and teams. */
export const canManageMembers = (role: Role): boolean => role === "admin";

/** Creating and editing clients and their contacts. Front desk records callers too. */
export const canEditClients = (_role: Role): boolean => true;

/** Archiving removes a client from everyone's lists: owners' call, not the front desk's. */
export const canArchiveClients = (role: Role): boolean => role !== "frontdesk";

/** A full export holds every client of the organization. */
export const canExportOrganization = (role: Role): boolean => role === "admin";

/** Working time, holidays and the language of outgoing messages are the firm's settings. */
export const canConfigureOrganization = (role: Role): boolean => role === "admin";

/** SLA policies and per-client agreements: what leads and admins promise on the firm's behalf. */
export const canManageSlaPolicies = (role: Role): boolean => role === "admin" || role === "lead";

/** Team figures (everyone's reliability) are for leads and admins; others see their own. */
export const canSeeTeamFigures = (role: Role): boolean => role === "admin" || role === "lead";

/**
 * Changing someone else's promise (renegotiate, break, cancel, complete) is for its owner,
 * the team's leads and admins; the front desk records callbacks but does not close others' promises.
 */
export const canActOnOthersCommitments = (role: Role): boolean => role === "admin" || role === "lead";

/** The trust ledger is the advisers' judgement of a relationship: not for the front desk's intake work. */
export const canSeeTrust = (role: Role): boolean => role !== "frontdesk";
