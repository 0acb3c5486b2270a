import { type Command, InvalidArgumentError } from "commander";
import type { Kysely } from "kysely";
import type { Actor } from "../core/actor.ts";
import { isRole } from "../core/roles.ts";
import type { DB } from "../db/schema.ts";
import { listClientsQuery } from "../modules/clients/clients.schemas.ts";
import * as clients from "../modules/clients/clients.usecases.ts";
import type { Clock } from "../shared/clock.ts";
import type { CursorCodec } from "../shared/cursor.ts";
import { isUuid } from "../shared/ids.ts";

/**
 * What every command that acts as a member needs: who is acting (`--as`,
 * `--org`), finding members and clients by what people type, and turning
 * schema issues into argument errors.
 */
export type Services = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; config: { baseUrl: string } };
export type WithServices = <T>(work: (deps: Services) => Promise<T>) => Promise<T>;

export async function actorFor(deps: Services, email: string | undefined, org: string | undefined): Promise<Actor> {
  if (!email) throw new InvalidArgumentError("say who you are: --as <e-mail> (or set TRUSTLEDGER_AS)");
  const memberships = await deps.db
    .selectFrom("member as m")
    .innerJoin("user as u", "u.id", "m.userId")
    .innerJoin("organization as o", "o.id", "m.organizationId")
    .select(["m.userId", "m.organizationId", "m.role", "o.slug", "o.name"])
    .where("u.email", "=", email.trim().toLowerCase())
    .execute();
  const chosen = org ? memberships.filter((m) => m.organizationId === org || m.slug === org) : memberships;
  if (chosen.length === 0)
    throw new InvalidArgumentError(`${email} is not a member of ${org ? `organization ${org}` : "any organization"}`);
  if (chosen.length > 1) {
    throw new InvalidArgumentError(
      `${email} belongs to several organizations; choose one with --org:\n${chosen.map((m) => `  ${m.slug}  ${m.name}`).join("\n")}`,
    );
  }
  const [membership] = chosen as [(typeof chosen)[number]];
  if (!isRole(membership.role)) throw new InvalidArgumentError(`unknown role ${membership.role}`);
  return { userId: membership.userId, orgId: membership.organizationId, role: membership.role, via: "token" };
}

export async function userIdByEmail(deps: Services, actor: Actor, who: string): Promise<string> {
  if (who === "me") return actor.userId;
  const user = await deps.db
    .selectFrom("member as m")
    .innerJoin("user as u", "u.id", "m.userId")
    .select("u.id")
    .where("m.organizationId", "=", actor.orgId)
    .where("u.email", "=", who.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) throw new InvalidArgumentError(`${who} is not a member of this organization`);
  return user.id;
}

/** A client by id, or by a name or search that finds exactly one. */
export async function clientIdFor(deps: Services, actor: Actor, given: string): Promise<string> {
  if (isUuid(given)) return given;
  const found = await clients.listClients(deps, actor, listClientsQuery.parse({ q: given, limit: 10 }));
  const exact = found.items.filter((client) => client.name.toLowerCase() === given.trim().toLowerCase());
  const candidates = exact.length > 0 ? exact : found.items;
  if (candidates.length === 1) return (candidates[0] as { id: string }).id;
  if (candidates.length === 0) throw new InvalidArgumentError(`no client matches "${given}"`);
  throw new InvalidArgumentError(`"${given}" matches several clients:\n${candidates.map((c) => `  ${c.id}  ${c.name}`).join("\n")}`);
}

export function failOnIssues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  if (result.success) return;
  const issues = result.error?.issues ?? [];
  throw new InvalidArgumentError(issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("\n"));
}

export type Common = { as?: string; org?: string; json?: boolean };

/** The options every acting command takes. */
export const common = (command: Command) =>
  command
    .option("--as <e-mail>", "act as this member (default: TRUSTLEDGER_AS)", process.env.TRUSTLEDGER_AS)
    .option("--org <id-or-slug>", "the organization, when you belong to several")
    .option("--json", "print JSON instead of text");
