import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { addDays, addDaysToInstant } from "../../core/dates.ts";
import { DEFAULT_WORKING_TIME, isWorkingDay, localDateOf, zonedTime } from "../../core/working-time.ts";
import type { DB } from "../../db/schema.ts";
import { type Clock, fixedClock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import type { Auth } from "../auth/auth.ts";
import * as auth from "../auth/auth.usecases.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as teams from "../teams/teams.usecases.ts";
import { type DemoClientRef, loadDemoCommitments } from "./demo-commitments.ts";
import { loadDemoContracts } from "./demo-contracts.ts";
import { DEMO_ORGANIZATION, DEMO_TEAMS, DEMO_USERS, demoClients, seededRandom } from "./demo-data.ts";
import { loadDemoIncidents } from "./demo-incidents.ts";
import { loadTrustStories } from "./demo-trust-stories.ts";

type Deps = { db: Kysely<DB>; clock: Clock; auth: Auth; cursor: CursorCodec };

export type DemoLogin = { organization: string; email: string; password: string; created: boolean };

/** True when the database has no organization yet: a first start. */
export async function isEmpty(deps: Pick<Deps, "db">): Promise<boolean> {
  const row = await deps.db.selectFrom("organization").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}

/** A password for the demo users that nobody else knows: the demo's published one would open any server it runs on. */
export function generateDemoPassword(): string {
  return `demo-${randomBytes(9).toString("base64url")}`;
}

/**
 * The day a demo client became a client: between four months and nine years
 * before today, on a working-day morning, from one random draw.
 */
function clientSince(now: Date, draw: number): Date {
  const settings = DEFAULT_WORKING_TIME;
  let date = localDateOf(settings, addDaysToInstant(now, -Math.round(120 + draw * 3165)));
  while (!isWorkingDay(settings, date)) date = addDays(date, 1);
  return zonedTime(settings.timeZone, date, "10:00");
}

/**
 * Loads the demo organization through the same use-cases a user would go
 * through, with `password` for every demo user. Loading it twice does nothing
 * the second time (and `password` is then not the password: `created` says so).
 */
export async function loadDemo(deps: Deps, options: { password: string }): Promise<DemoLogin> {
  const admin = DEMO_USERS[0];
  const login = { organization: DEMO_ORGANIZATION, email: admin.email, password: options.password };
  if (await organizations.findUserByEmail(deps, admin.email)) return { ...login, created: false };

  const userIds = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const { id } = await auth.createUser(deps, { email: user.email, name: user.name, password: options.password });
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
  const clientRefs: DemoClientRef[] = [];
  const since = seededRandom(1995);
  const walk = fixedClock(deps.clock.now());
  for (const client of demoClients()) {
    // Clients of months and years, not all "client since today".
    walk.set(clientSince(deps.clock.now(), since()));
    const created = await clients.createClient({ ...deps, clock: walk }, actor, {
      kind: client.kind,
      name: client.name,
      email: client.email,
      phone: client.phone,
      website: client.website,
      accountOwnerId: userIds.get(client.ownerKey) ?? null,
      teamId: client.kind === "company" ? (teamIds[client.teamIndex] ?? null) : null,
    });
    const contactIds: string[] = [];
    for (const contact of client.contacts)
      contactIds.push((await clients.addContact({ ...deps, clock: walk }, actor, created.id, contact)).id);
    clientRefs.push({ id: created.id, ownerId: created.accountOwner?.id ?? null, contactIds });
  }
  const members = DEMO_USERS.map((user) => ({ id: userIds.get(user.key) as string, role: user.role }));
  await loadDemoCommitments({ ...deps, baseUrl: "" }, organization.id, members, clientRefs);
  await loadTrustStories({ ...deps, baseUrl: "" }, organization.id, members, clientRefs);
  await loadDemoIncidents({ ...deps, baseUrl: "" }, organization.id, members, clientRefs);
  await loadDemoContracts({ ...deps, baseUrl: "" }, organization.id, members, clientRefs);
  return { ...login, created: true };
}
