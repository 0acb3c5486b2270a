import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { canManageMembers } from "../../core/roles.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { isUuid, newId } from "../../shared/ids.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as repo from "./teams.repository.ts";
import type { Team } from "./teams.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

export async function listTeams(deps: Deps, actor: Actor): Promise<Team[]> {
  return (await repo.listTeams(deps.db, actor.orgId)).map((row) => ({ ...row, memberIds: row.memberIds ?? [] }));
}

async function getTeam(deps: Deps, actor: Actor, id: string): Promise<Team> {
  const team = (await listTeams(deps, actor)).find((t) => t.id === id);
  if (!team) throw notFound("teams.not_found");
  return team;
}

export async function teamExists(deps: Pick<Deps, "db">, orgId: string, id: string): Promise<boolean> {
  return isUuid(id) && (await repo.findTeam(deps.db, orgId, id)) !== undefined;
}

/**
 * Two requests can both find a name free at the same moment; the unique index
 * then refuses the second, which gets the same answer as when it was checked.
 */
async function refusingTakenName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, "teams_org_name_key")) throw conflict("teams.name_taken");
    throw error;
  }
}

export async function createTeam(deps: Deps, actor: Actor, name: string): Promise<Team> {
  if (!canManageMembers(actor.role)) throw forbidden();
  return refusingTakenName(() =>
    deps.db.transaction().execute(async (trx) => {
      if (await repo.findTeamByName(trx, actor.orgId, name)) throw conflict("teams.name_taken");
      const id = newId();
      await repo.insertTeam(trx, { org_id: actor.orgId, id, name, created_at: deps.clock.now() });
      return { id, name, memberIds: [] };
    }),
  );
}

export async function renameTeam(deps: Deps, actor: Actor, id: string, name: string): Promise<Team> {
  if (!canManageMembers(actor.role)) throw forbidden();
  return refusingTakenName(() =>
    deps.db.transaction().execute(async (trx) => {
      const sameName = await repo.findTeamByName(trx, actor.orgId, name);
      if (sameName && sameName.id !== id) throw conflict("teams.name_taken");
      if ((await repo.renameTeam(trx, actor.orgId, id, name)) === 0) throw notFound("teams.not_found");
      return getTeam({ ...deps, db: trx }, actor, id);
    }),
  );
}

export async function deleteTeam(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!canManageMembers(actor.role)) throw forbidden();
  if ((await repo.deleteTeam(deps.db, actor.orgId, id)) === 0) throw notFound("teams.not_found");
}

export async function setTeamMembers(deps: Deps, actor: Actor, id: string, userIds: string[]): Promise<Team> {
  if (!canManageMembers(actor.role)) throw forbidden();
  const unique = [...new Set(userIds)];
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findTeam(trx, actor.orgId, id))) throw notFound("teams.not_found");
    for (const userId of unique) {
      if (!(await organizations.isMember({ db: trx }, actor.orgId, userId))) {
        throw new AppError("members.not_found", 400);
      }
    }
    await repo.replaceTeamMembers(trx, actor.orgId, id, unique);
    return getTeam({ ...deps, db: trx }, actor, id);
  });
}

/** For each of `userIds`: the other members of every team they are in (none when in no team). */
export async function teammatesOf(deps: Pick<Deps, "db">, orgId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await repo.membersOfTeamsOf(deps.db, orgId, userIds);
  const byTeam = Map.groupBy(rows, (row) => row.team_id);
  const teammates = new Map<string, Set<string>>();
  for (const members of byTeam.values()) {
    const ids = members.map((row) => row.user_id);
    for (const userId of ids.filter((id) => userIds.includes(id))) {
      const set = teammates.get(userId) ?? new Set<string>();
      for (const id of ids) if (id !== userId) set.add(id);
      teammates.set(userId, set);
    }
  }
  return new Map([...teammates].map(([userId, set]) => [userId, [...set].sort()]));
}

/** The members of each of `teamIds`. */
export async function membersOfTeams(deps: Pick<Deps, "db">, orgId: string, teamIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await repo.membersOfTeams(deps.db, orgId, teamIds);
  return new Map(
    [...Map.groupBy(rows, (row) => row.team_id)].map(([teamId, members]) => [teamId, members.map((row) => row.user_id).sort()]),
  );
}
