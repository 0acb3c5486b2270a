import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { addDaysToInstant } from "../../core/dates.ts";
import { canManageMembers, isRole, type Role } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import * as indexSeries from "../index-series/index-series.usecases.ts";
import * as notifications from "../notifications/notifications.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import { renderInvitationEmail } from "./organizations.invitation-email.ts";
import * as repo from "./organizations.repository.ts";
import type { Invitation, Member } from "./organizations.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

const INVITATION_DAYS = 7;

/** Creates an organization with its first member as administrator. */
export async function createOrganization(deps: Deps, input: { name: string; ownerUserId: string }) {
  const id = newId();
  const now = deps.clock.now();
  await repo.insertOrganization(deps.db, { id, name: input.name, slug: `${slugify(input.name)}-${id.slice(0, 8)}`, createdAt: now });
  await repo.insertMember(deps.db, { id: newId(), organizationId: id, userId: input.ownerUserId, role: "admin", createdAt: now });
  await workingTime.initializeOrganization(deps, id);
  // The shipped CBS CPI, so the year-average indexation works from the first day.
  await indexSeries.ensureShippedSeries(deps, id);
  return { id, name: input.name };
}

function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return slug || "org";
}

/** The membership an actor is made of; undefined when the user is not (or no longer) a member. */
export async function resolveMembership(deps: Pick<Deps, "db">, orgId: string | null, userId: string) {
  if (orgId) {
    const membership = await repo.findMembership(deps.db, orgId, userId);
    if (membership && isRole(membership.role))
      return { orgId, role: membership.role as Role, organizationName: membership.organizationName };
  }
  const first = await repo.findFirstMembership(deps.db, userId);
  if (!first) return undefined;
  const membership = await repo.findMembership(deps.db, first.organizationId, userId);
  if (!membership || !isRole(membership.role)) return undefined;
  return { orgId: first.organizationId, role: membership.role as Role, organizationName: membership.organizationName };
}

/** Adds an existing user to an organization (CLI and demo; people join through invitations). */
export async function addMember(deps: Deps, orgId: string, userId: string, role: Role): Promise<void> {
  if (await repo.findMembership(deps.db, orgId, userId)) {
    await repo.updateMemberRole(deps.db, orgId, userId, role);
    return;
  }
  await repo.insertMember(deps.db, { id: newId(), organizationId: orgId, userId, role, createdAt: deps.clock.now() });
}

export async function isMember(deps: Pick<Deps, "db">, orgId: string, userId: string): Promise<boolean> {
  return (await repo.findMembership(deps.db, orgId, userId)) !== undefined;
}

export async function listMembers(deps: Deps, actor: Actor): Promise<Member[]> {
  const rows = await repo.listMembers(deps.db, actor.orgId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: isRole(row.role) ? row.role : "advisor",
    teams: row.teams ?? [],
    expertise: row.expertise ?? [],
    joinedAt: new Date(row.joinedAt).toISOString(),
  }));
}

export async function changeRole(deps: Deps, actor: Actor, userId: string, role: Role): Promise<Member> {
  if (!canManageMembers(actor.role)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    // Two admins demoting each other at once would each still see the other as admin.
    await repo.lockOrganization(trx, actor.orgId);
    const current = await repo.findMembership(trx, actor.orgId, userId);
    if (!current) throw notFound("members.not_found");
    if (current.role === "admin" && role !== "admin" && (await repo.countAdmins(trx, actor.orgId)) <= 1) {
      throw new AppError("members.last_admin", 409);
    }
    await repo.updateMemberRole(trx, actor.orgId, userId, role);
    const members = await listMembers({ ...deps, db: trx }, actor);
    const member = members.find((m) => m.id === userId);
    if (!member) throw notFound("members.not_found");
    return member;
  });
}

export async function setExpertise(deps: Deps, actor: Actor, userId: string, topics: string[]): Promise<Member> {
  if (userId !== actor.userId && !canManageMembers(actor.role)) throw forbidden();
  const unique = [...new Map(topics.map((t) => [t.toLowerCase(), t])).values()];
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findMembership(trx, actor.orgId, userId))) throw notFound("members.not_found");
    await repo.replaceExpertise(trx, actor.orgId, userId, unique);
    const member = (await listMembers({ ...deps, db: trx }, actor)).find((m) => m.id === userId);
    if (!member) throw notFound("members.not_found");
    return member;
  });
}

export async function findExperts(deps: Deps, actor: Actor, topic: string) {
  const rows = await repo.findExperts(deps.db, actor.orgId, topic);
  return rows.map((row) => ({ ...row, role: isRole(row.role) ? row.role : ("advisor" as Role) }));
}

function toInvitation(row: { id: string; email: string; role: string | null; status: string; expiresAt: Date }): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role && isRole(row.role) ? row.role : "advisor",
    status: row.status,
    expiresAt: new Date(row.expiresAt).toISOString(),
    acceptPath: `/invite/${row.id}`,
  };
}

/**
 * Invites someone by e-mail address: the invitation, and an e-mail with its
 * link queued in the same transaction (sent by the job runner, or waiting in
 * the outbox without SMTP). The link is also in the answer, to share by hand.
 */
export async function invite(deps: Deps & { baseUrl: string }, actor: Actor, input: { email: string; role: Role }): Promise<Invitation> {
  if (!canManageMembers(actor.role)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findUserByEmail(trx, input.email);
    if (existing && (await repo.findMembership(trx, actor.orgId, existing.id))) {
      throw new AppError("invitations.already_member", 409);
    }
    await repo.cancelPendingInvitations(trx, actor.orgId, input.email);
    const now = deps.clock.now();
    const row = {
      // Random and unguessable: the id is the secret of the accept link.
      id: `${newId()}${newId()}`.replaceAll("-", ""),
      organizationId: actor.orgId,
      email: input.email,
      role: input.role,
      inviterId: actor.userId,
      createdAt: now,
      expiresAt: addDaysToInstant(now, INVITATION_DAYS),
    };
    await repo.insertInvitation(trx, row);
    const invitation = toInvitation({ ...row, status: "pending" });
    const [organization, inviter, time] = await Promise.all([
      repo.findOrganization(trx, actor.orgId),
      repo.findUser(trx, actor.userId),
      workingTime.loadOrganizationTime({ db: trx }, actor.orgId),
    ]);
    const email = renderInvitationEmail({
      language: time.language,
      timeZone: time.settings.timeZone,
      inviterName: inviter?.name ?? "",
      organizationName: organization?.name ?? "",
      role: input.role,
      link: new URL(invitation.acceptPath, deps.baseUrl).toString(),
      expiresAt: row.expiresAt,
    });
    await notifications.queueEmail(trx, deps.clock, {
      orgId: actor.orgId,
      to: input.email,
      language: time.language,
      subject: email.subject,
      text: email.text,
      kind: "invitation",
      dedupeKey: `invitation:${row.id}`,
      requestedBy: actor.userId,
    });
    return invitation;
  });
}

export async function listInvitations(deps: Deps, actor: Actor): Promise<Invitation[]> {
  if (!canManageMembers(actor.role)) throw forbidden();
  return (await repo.listPendingInvitations(deps.db, actor.orgId, deps.clock.now())).map(toInvitation);
}

export async function cancelInvitation(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!canManageMembers(actor.role)) throw forbidden();
  if ((await repo.closeInvitation(deps.db, actor.orgId, id, "canceled")) === 0) throw notFound("invitations.not_found");
}

/**
 * What the accept page may show to someone holding the link, before they sign
 * in. Not whether the address has an account: the page asks the same either way.
 */
export async function describeInvitation(deps: Deps, id: string) {
  const invitation = await repo.findPendingInvitation(deps.db, id, deps.clock.now());
  if (!invitation) throw notFound("invitations.not_found");
  return {
    organizationName: invitation.organizationName,
    email: invitation.email,
    role: invitation.role && isRole(invitation.role) ? invitation.role : ("advisor" as Role),
    organizationId: invitation.organizationId,
  };
}

/** Adds the invited user to the organization; the invitation can be used once. */
export async function joinByInvitation(deps: Deps, id: string, userId: string): Promise<{ orgId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const invitation = await repo.findPendingInvitation(trx, id, deps.clock.now());
    if (!invitation) throw notFound("invitations.not_found");
    if ((await repo.closeInvitation(trx, invitation.organizationId, id, "accepted")) === 0) {
      throw notFound("invitations.not_found");
    }
    if (!(await repo.findMembership(trx, invitation.organizationId, userId))) {
      await repo.insertMember(trx, {
        id: newId(),
        organizationId: invitation.organizationId,
        userId,
        role: invitation.role ?? "advisor",
        createdAt: deps.clock.now(),
      });
    }
    return { orgId: invitation.organizationId };
  });
}

export const findUserByEmail = (deps: Pick<Deps, "db">, email: string) => repo.findUserByEmail(deps.db, email);
export const findOrganization = (deps: Pick<Deps, "db">, orgId: string) => repo.findOrganization(deps.db, orgId);

/** The user ids of an organization's members in one role, sorted (who hears about a breach). */
export const memberIdsWithRole = (deps: Pick<Deps, "db">, orgId: string, role: Role) => repo.memberIdsWithRole(deps.db, orgId, role);
