import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { canExportOrganization } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import * as repo from "./export.repository.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

export const EXPORT_FORMAT_VERSION = 1;

/**
 * Everything one organization owns, as one JSON document: the way out of
 * Trustledger, and what a restore reads. Passwords and tokens are never included.
 */
export async function exportOrganization(deps: Deps, orgId: string) {
  const data = await repo.readOrganizationData(deps.db, orgId);
  if (!data.organization) throw notFound("organizations.not_found");
  return { format: "trustledger-export", version: EXPORT_FORMAT_VERSION, exportedAt: deps.clock.now().toISOString(), ...data };
}

export async function exportForActor(deps: Deps, actor: Actor) {
  if (!canExportOrganization(actor.role)) throw forbidden();
  return exportOrganization(deps, actor.orgId);
}

export const findOrganizationId = (deps: Pick<Deps, "db">, idOrSlug: string) => repo.findOrganizationId(deps.db, idOrSlug);
export const listOrganizations = (deps: Pick<Deps, "db">) => repo.listOrganizations(deps.db);
