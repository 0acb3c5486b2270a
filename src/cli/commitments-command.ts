import { type Command, InvalidArgumentError } from "commander";
import { createCommitmentBody, listCommitmentsQuery } from "../modules/commitments/commitments.schemas.ts";
import * as commitments from "../modules/commitments/commitments.usecases.ts";
import { isUuid } from "../shared/ids.ts";
import { actorFor, type Common, clientIdFor, common, failOnIssues, userIdByEmail, type WithServices } from "./cli-actor.ts";

/**
 * `trustledger commitments list|add|done`: the same use-cases as the API,
 * acting as one member (`--as <e-mail>`, or TRUSTLEDGER_AS).
 */
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

export function registerCommitmentCommands(program: Command, withServices: WithServices): void {
  const group = program.command("commitments").description("Promises to clients: list, add, mark done");

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
