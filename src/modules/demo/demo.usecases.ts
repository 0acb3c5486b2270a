import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import type { Auth } from "../auth/auth.ts";
import * as auth from "../auth/auth.usecases.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as teams from "../teams/teams.usecases.ts";
import { loadDemoCommitments } from "./demo-commitments.ts";
import { DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS, demoClients } from "./demo-data.ts";

type Deps = { db: Kysely<DB>; clock: Clock; auth: Auth; cursor: CursorCodec };

export type DemoLogin = { organization: string; email: string; password: string; created: boolean };

/** True when the database has no organization yet: a first start. */
export async function isEmpty(deps: Pick<Deps, "db">): Promise<boolean> {
  const row = await deps.db.selectFrom("organization").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Loads the demo organization through the same use-cases a user would go
 * through. Loading it twice does nothing the second time.
 */
export async function loadDemo(deps: Deps): Promise<DemoLogin> {
  const admin = DEMO_USERS[0];
  const login = { organization: DEMO_ORGANIZATION, email: admin.email, password: DEMO_PASSWORD };
  if (await organizations.findUserByEmail(deps, admin.email)) return { ...login, created: false };

  const userIds = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const { id } = await auth.createUser(deps, { email: user.email, name: user.name, password: DEMO_PASSWORD });
    userIds.set(user.key, id);
  }
  const adminId = userIds.get(admin.key) as string;
  const organization = await organizations.createOrganization(deps, { name: DEMO_ORGANIZATION, ownerUserId: adminId });
  const actor: Actor = { userId: adminId, orgId: organization.id, role: "admin", via: "session" };
  for (const user of DEMO_USERS) {
    const id = userIds.get(user.key) as string;
    if (user.key !== admin.key) await organizations.addMember(deps, organization.id, id, user.role);
    await organizations.setExpertise(deps, actor, id, [...user.topics]);
  }
  const teamIds: string[] = [];
  for (const team of DEMO_TEAMS) {
    const created = await teams.createTeam(deps, actor, team.name);
    await teams.setTeamMembers(
      deps,
      actor,
      created.id,
      team.members.map((key) => userIds.get(key) as string),
    );
    teamIds.push(created.id);
  }
  const clientIds: string[] = [];
  for (const client of demoClients()) {
    const created = await clients.createClient(deps, actor, {
      kind: client.kind,
      name: client.name,
      email: client.email,
      phone: client.phone,
      website: client.website,
      accountOwnerId: userIds.get(client.ownerKey) ?? null,
      teamId: client.kind === "company" ? (teamIds[client.teamIndex] ?? null) : null,
    });
    for (const contact of client.contacts) await clients.addContact(deps, actor, created.id, contact);
    clientIds.push(created.id);
  }
  const members = DEMO_USERS.map((user) => ({ id: userIds.get(user.key) as string, role: user.role }));
  await loadDemoCommitments({ ...deps, baseUrl: "" }, organization.id, members, clientIds);
  return { ...login, created: true };
}
