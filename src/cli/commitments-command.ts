import { type Command, InvalidArgumentError } from "commander";
import type { Kysely } from "kysely";
import type { Actor } from "../core/actor.ts";
import { isRole } from "../core/roles.ts";
import type { DB } from "../db/schema.ts";
import { listClientsQuery } from "../modules/clients/clients.schemas.ts";
import * as clients from "../modules/clients/clients.usecases.ts";
import { createCommitmentBody, listCommitmentsQuery } from "../modules/commitments/commitments.schemas.ts";
import * as commitments from "../modules/commitments/commitments.usecases.ts";
import type { Clock } from "../shared/clock.ts";
import type { CursorCodec } from "../shared/cursor.ts";
import { isUuid } from "../shared/ids.ts";

/**
 * `trustledger commitments list|add|done`: the same use-cases as the API,
 * acting as one member (`--as <e-mail>`, or TRUSTLEDGER_AS).
 */
type Services = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; config: { baseUrl: string } };
type WithServices = <T>(work: (deps: Services) => Promise<T>) => Promise<T>;

async function actorFor(deps: Services, email: string | undefined, org: string | undefined): Promise<Actor> {
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

async function userIdByEmail(deps: Services, actor: Actor, who: string): Promise<string> {
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
async function clientIdFor(deps: Services, actor: Actor, given: string): Promise<string> {
  if (isUuid(given)) return given;
  const found = await clients.listClients(deps, actor, listClientsQuery.parse({ q: given, limit: 10 }));
  const exact = found.items.filter((client) => client.name.toLowerCase() === given.trim().toLowerCase());
  const candidates = exact.length > 0 ? exact : found.items;
  if (candidates.length === 1) return (candidates[0] as { id: string }).id;
  if (candidates.length === 0) throw new InvalidArgumentError(`no client matches "${given}"`);
  throw new InvalidArgumentError(`"${given}" matches several clients:\n${candidates.map((c) => `  ${c.id}  ${c.name}`).join("\n")}`);
}

/** "4 working hours", "2 werkdagen", "1 working day" → an amount and unit. */
export function parseWorkingDuration(text: string): { amount: number; unit: "working_hours" | "working_days" } {
  const match = /^\s*(\d{1,4})\s*(working\s*hours?|werkuren|werkuur|h|working\s*days?|werkdagen|werkdag|d)\s*$/i.exec(text);
  if (!match) throw new InvalidArgumentError(`--in: say e.g. "4 working hours" or "2 working days", not "${text}"`);
  const unit = /^(working\s*days?|werkdag(en)?|d)$/i.test(match[2] ?? "") ? "working_days" : "working_hours";
  return { amount: Number(match[1]), unit };
}

function line(item: commitments.CommitmentSummary): string {
  const flags = item.overdue ? " OVERDUE" : item.atRisk ? " at risk" : "";
  return `${item.id}  ${item.dueAt}  ${item.status.padEnd(12)}${flags}  ${item.clientName} — ${item.title} (${item.owner.name})`;
}

function failOnIssues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  if (result.success) return;
  const issues = result.error?.issues ?? [];
  throw new InvalidArgumentError(issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("\n"));
}

type Common = { as?: string; org?: string; json?: boolean };

export function registerCommitmentCommands(program: Command, withServices: WithServices): void {
  const group = program.command("commitments").description("Promises to clients: list, add, mark done");
  const common = (command: Command) =>
    command
      .option("--as <e-mail>", "act as this member (default: TRUSTLEDGER_AS)", process.env.TRUSTLEDGER_AS)
      .option("--org <id-or-slug>", "the organization, when you belong to several")
      .option("--json", "print JSON instead of text");

  common(group.command("list").description("List promises (default: your own that are still to be done)"))
    .option("--owner <e-mail|me|all>", "whose promises", "me")
    .option("--client <id-or-name>", "only this client's")
    .option("--status <statuses>", "e.g. open,renegotiated or kept")
    .option("--state <state>", "active (default) or closed")
    .option("--limit <n>", "how many", "50")
    .action((options: Common & { owner: string; client?: string; status?: string; state?: string; limit: string }) =>
      withServices(async (deps) => {
        const actor = await actorFor(deps, options.as, options.org);
        const query = listCommitmentsQuery.safeParse({
          ...(options.owner !== "all" && { ownerId: await userIdByEmail(deps, actor, options.owner) }),
          ...(options.client && { clientId: await clientIdFor(deps, actor, options.client) }),
          ...(options.status && { status: options.status }),
          state: options.state ?? (options.status ? undefined : "active"),
          limit: options.limit,
        });
        failOnIssues(query);
        const list = await commitments.listCommitments({ ...deps, baseUrl: deps.config.baseUrl }, actor, query.data as never);
        if (options.json) process.stdout.write(`${JSON.stringify(list.items, null, 2)}\n`);
        else if (list.items.length === 0) console.log("Nothing to show.");
        else for (const item of list.items) console.log(line(item));
      }),
    );

  common(group.command("add").description("Record a promise to a client"))
    .requiredOption("--client <id-or-name>", "the client")
    .requiredOption("--title <text>", "what was promised, specific")
    .requiredOption("--done-when <text>", "how everyone can tell it is done")
    .option("--owner <e-mail|me>", "who keeps it", "me")
    .option("--due <ISO date-time>", "when it is due, e.g. 2026-11-27T17:00:00+01:00")
    .option("--in <duration>", 'or: due in working time, e.g. "4 working hours", "2 working days"')
    .option("--source <source>", "call, meeting, email, note or portal", "note")
    .option("--kind <kind>", "callback, deliverable, meeting or other")
    .option("--contact <id>", "the contact it was promised to")
    .option("--past", "record a promise whose due time has already passed")
    .action(
      (
        options: Common & {
          client: string;
          title: string;
          doneWhen: string;
          owner: string;
          due?: string;
          in?: string;
          source: string;
          kind?: string;
          contact?: string;
          past?: boolean;
        },
      ) =>
        withServices(async (deps) => {
          const actor = await actorFor(deps, options.as, options.org);
          const body = createCommitmentBody.safeParse({
            clientId: await clientIdFor(deps, actor, options.client),
            title: options.title,
            doneWhen: options.doneWhen,
            ownerId: await userIdByEmail(deps, actor, options.owner),
            ...(options.due && { dueAt: options.due }),
            ...(options.in && { dueIn: parseWorkingDuration(options.in) }),
            source: options.source,
            ...(options.kind && { kind: options.kind }),
            ...(options.contact && { contactId: options.contact }),
            ...(options.past && { pastPromise: true }),
          });
          failOnIssues(body);
          const created = await commitments.createCommitment({ ...deps, baseUrl: deps.config.baseUrl }, actor, body.data as never);
          if (options.json) process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
          else console.log(`Recorded: ${line(created)}`);
        }),
    );

  common(group.command("done").description("Mark a promise done (kept, or kept late)").argument("<id>", "the promise")).action(
    (id: string, options: Common) =>
      withServices(async (deps) => {
        if (!isUuid(id)) throw new InvalidArgumentError(`"${id}" is not a commitment id`);
        const actor = await actorFor(deps, options.as, options.org);
        const done = await commitments.completeCommitment({ ...deps, baseUrl: deps.config.baseUrl }, actor, id, {});
        if (options.json) process.stdout.write(`${JSON.stringify(done, null, 2)}\n`);
        else console.log(`${done.status === "kept" ? "Kept on time" : "Kept, but late"}: ${line(done)}`);
      }),
  );
}
