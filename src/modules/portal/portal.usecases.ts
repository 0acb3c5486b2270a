import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { isActive } from "../../core/commitment-lifecycle.ts";
import { addDaysToInstant } from "../../core/dates.ts";
import { canActOnOthersCommitments } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId, sha256 } from "../../shared/ids.ts";
import type { Signer } from "../../shared/signer.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import * as repo from "./portal.repository.ts";
import type { CreatePortalLinkInput, PortalLink, PortalSettings, PortalView } from "./portal.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock; portalSigner: Signer; baseUrl: string };

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const SHOWN_CLOSED_DAYS = 180;
/** The track record looks back this far. */
const TRACK_RECORD_MONTHS = 12;
const TOKEN_PAYLOAD = /^tlp_[A-Za-z0-9_-]{32}$/;

export function portalUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/portal/${token}`;
}

async function requireClient(db: Kysely<DB>, orgId: string, clientId: string) {
  const client = await db
    .selectFrom("clients")
    .select(["id", "account_owner_id"])
    .where("org_id", "=", orgId)
    .where("id", "=", clientId)
    .executeTakeFirst();
  if (!client) throw notFound("clients.not_found");
  return client;
}

/** The client's account owner, leads and admins hand out (and revoke) portal links. */
function mayManageLinks(actor: Actor, accountOwnerId: string | null): boolean {
  return actor.userId === accountOwnerId || canActOnOthersCommitments(actor.role);
}

function toLink(row: Awaited<ReturnType<typeof repo.listLinks>>[number]): PortalLink {
  return {
    id: row.id,
    contact: { id: row.contact_id, name: row.contact_name },
    createdAt: iso(row.created_at) ?? "",
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? "" } : null,
    expiresAt: iso(row.expires_at) ?? "",
    revokedAt: iso(row.revoked_at),
    lastOpenedAt: iso(row.last_opened_at),
    views: Number(row.views ?? 0),
  };
}

export async function listLinks(deps: Pick<Deps, "db">, actor: Actor, clientId: string): Promise<PortalLink[]> {
  await requireClient(deps.db, actor.orgId, clientId);
  return (await repo.listLinks(deps.db, actor.orgId, clientId)).map(toLink);
}

/** A new link for one contact: a random token, signed; only its hash is kept. Shown once. */
export async function createLink(deps: Deps, actor: Actor, clientId: string, input: CreatePortalLinkInput) {
  const client = await requireClient(deps.db, actor.orgId, clientId);
  if (!mayManageLinks(actor, client.account_owner_id)) throw forbidden("portal.not_allowed");
  const contact = await deps.db
    .selectFrom("contacts")
    .select("id")
    .where("org_id", "=", actor.orgId)
    .where("client_id", "=", clientId)
    .where("id", "=", input.contactId)
    .executeTakeFirst();
  if (!contact) throw new AppError("commitments.contact_not_of_client", 400);
  const token = deps.portalSigner.sign(`tlp_${randomBytes(24).toString("base64url")}`);
  const now = deps.clock.now();
  const id = newId();
  await repo.insertLink(deps.db, {
    org_id: actor.orgId,
    id,
    client_id: clientId,
    contact_id: input.contactId,
    token_hash: sha256(token),
    created_by: actor.userId,
    created_at: now,
    expires_at: addDaysToInstant(now, input.expiresInDays),
  });
  const link = (await listLinks(deps, actor, clientId)).find((item) => item.id === id);
  if (!link) throw notFound("portal.not_found");
  return { ...link, url: portalUrl(deps.baseUrl, token) };
}

export async function revokeLink(deps: Deps, actor: Actor, clientId: string, linkId: string): Promise<void> {
  const client = await requireClient(deps.db, actor.orgId, clientId);
  if (!mayManageLinks(actor, client.account_owner_id)) throw forbidden("portal.not_allowed");
  if (!(await repo.revokeLink(deps.db, actor.orgId, clientId, linkId, deps.clock.now()))) throw notFound("portal.not_found");
}

/**
 * What a portal link shows. Altered, invented, expired and revoked tokens all
 * answer the same 404: nobody learns whether a link ever existed.
 */
export async function viewPortal(deps: Deps, token: string, userAgent: string | undefined): Promise<PortalView> {
  const payload = deps.portalSigner.verify(token);
  if (!payload || !TOKEN_PAYLOAD.test(payload)) throw notFound("portal.not_found");
  const now = deps.clock.now();
  const link = await repo.findOpenLink(deps.db, sha256(token), now);
  if (!link) throw notFound("portal.not_found");
  await repo.logView(deps.db, {
    org_id: link.org_id,
    id: newId(),
    link_id: link.id,
    at: now,
    user_agent: userAgent?.slice(0, 300) ?? null,
  });
  const time = await workingTime.loadOrganizationTime(deps, link.org_id);
  const settings = await repo.findSettings(deps.db, link.org_id, link.client_id);
  const trackRecordFrom = monthsBefore(now, TRACK_RECORD_MONTHS);
  const trackRecord = settings?.show_track_record
    ? {
        from: trackRecordFrom.toISOString(),
        ...(await commitments.trackRecordFor(deps, link.org_id, link.client_id, link.contact_id, trackRecordFrom)),
      }
    : null;
  const rows = await repo.contactPromises(deps.db, link.org_id, link.client_id, link.contact_id, addDaysToInstant(now, -SHOWN_CLOSED_DAYS));
  return {
    organizationName: link.organization_name,
    clientName: link.client_name,
    contactName: link.contact_name,
    language: time.language,
    timeZone: time.settings.timeZone,
    expiresAt: iso(link.expires_at) ?? "",
    items: rows.map((row) => ({
      title: row.title,
      doneWhen: row.done_when,
      ownerName: row.owner_name ?? link.organization_name,
      status: row.status,
      dueAt: iso(row.due_at) ?? "",
      originalDueAt: iso(row.original_due_at) ?? "",
      overdue: isActive(row.status) && new Date(row.due_at).getTime() < now.getTime(),
      closedAt: iso(row.closed_at),
    })),
    trackRecord,
  };
}

/** The same instant `months` calendar months earlier (UTC). */
function monthsBefore(at: Date, months: number): Date {
  const earlier = new Date(at.getTime());
  earlier.setUTCMonth(earlier.getUTCMonth() - months);
  return earlier;
}

export async function getSettings(deps: Pick<Deps, "db">, actor: Actor, clientId: string): Promise<PortalSettings> {
  const client = await requireClient(deps.db, actor.orgId, clientId);
  const row = await repo.findSettings(deps.db, actor.orgId, clientId);
  return { clientId, showTrackRecord: row?.show_track_record ?? false, canChange: mayManageLinks(actor, client.account_owner_id) };
}

/**
 * Whether this client's portal shows our track record: the client's account
 * owner, leads and admins decide, as they decide who gets a link.
 */
export async function updateSettings(
  deps: Pick<Deps, "db" | "clock">,
  actor: Actor,
  clientId: string,
  input: { showTrackRecord: boolean },
): Promise<PortalSettings> {
  const client = await requireClient(deps.db, actor.orgId, clientId);
  if (!mayManageLinks(actor, client.account_owner_id)) throw forbidden("portal.not_allowed");
  await repo.saveSettings(deps.db, {
    org_id: actor.orgId,
    client_id: clientId,
    show_track_record: input.showTrackRecord,
    updated_by: actor.userId,
    updated_at: deps.clock.now(),
  });
  return getSettings(deps, actor, clientId);
}
