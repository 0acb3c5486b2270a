import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { canConfigureOrganization } from "../core/roles.ts";
import { TRUST_CORES } from "../core/trust/cores.ts";
import { languageFromHeader } from "../i18n/translate.ts";
import * as risks from "../modules/trust/trust.risks.ts";
import * as trust from "../modules/trust/trust.usecases.ts";
import { actorFor, type Common, clientIdFor, common, userIdByEmail, type WithServices } from "./cli-actor.ts";

/**
 * `trustledger trust show <client>`, `trustledger at-risk` and
 * `trustledger evidence backfill`: the trust ledger's use-cases without HTTP.
 */
const language = () => languageFromHeader(process.env.LANG?.startsWith("nl") ? "nl" : "en");
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const signed = (value: number) => `${value >= 0 ? "+" : ""}${(value * 100).toFixed(1)}`;

export function registerTrustCommands(program: Command, withServices: WithServices): void {
  const trustGroup = program.command("trust").description("Where trust stands with a client, and why");
  common(trustGroup.command("show <client>").description("A client's four cores, readiness and the evidence that weighs most"))
    .option("--top <n>", "how many pieces of evidence to show", "5")
    .action((given: string, options: Common & { top: string }) =>
      withServices(async (deps) => {
        const actor = await actorFor(deps, options.as, options.org);
        const clientId = await clientIdFor(deps, actor, given);
        const top = Number(options.top);
        if (!Number.isInteger(top) || top < 0 || top > 100) throw new InvalidArgumentError("--top: a whole number from 0 to 100");
        const ledger = await trust.getClientTrust(deps, actor, clientId);
        const evidence = await trust.listClientEvidence(deps, actor, clientId, { sort: "impact" }, language());
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ ...ledger, evidence: evidence.items.slice(0, top) }, null, 2)}\n`);
          return;
        }
        for (const core of TRUST_CORES) {
          const reading = ledger.cores[core];
          console.log(
            `${core.padEnd(13)} ${percent(reading.score).padStart(6)}  ± ${percent(reading.uncertainty / 2).padStart(6)}  trend ${signed(reading.trend)} pt  (${reading.evidenceCount} evidence)`,
          );
        }
        console.log(
          `ready to share problems  ${percent(ledger.readiness.shareProblems.score)} (limited by ${ledger.readiness.shareProblems.limitedBy})`,
        );
        console.log(
          `ready to do business     ${percent(ledger.readiness.doBusiness.score)} (limited by ${ledger.readiness.doBusiness.limitedBy})`,
        );
        for (const item of evidence.items.slice(0, top)) console.log(`  ${signed(item.contribution).padStart(6)} pt  ${item.explanation}`);
      }),
    );

  common(program.command("at-risk").description("Clients at risk, ranked, with their reasons and a next step"))
    .option("--owner <e-mail|me|all>", "whose clients (account owner)", "all")
    .option("--limit <n>", "how many", "50")
    .action((options: Common & { owner: string; limit: string }) =>
      withServices(async (deps) => {
        const actor = await actorFor(deps, options.as, options.org);
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new InvalidArgumentError("--limit: a whole number from 1 to 500");
        const ownerId = options.owner === "all" ? undefined : await userIdByEmail(deps, actor, options.owner);
        const list = await risks.listAtRisk(deps, actor, { ownerId, includeAcknowledged: false, limit }, language());
        if (options.json) process.stdout.write(`${JSON.stringify(list.items, null, 2)}\n`);
        else if (list.items.length === 0) console.log("No client is at risk.");
        else
          for (const item of list.items) {
            console.log(`${item.clientName} (${item.owner?.name ?? "no owner"}) — ${item.nextStepText ?? ""}`);
            for (const reason of item.reasons) console.log(`  - ${reason.message}`);
          }
      }),
    );

  const evidenceGroup = program.command("evidence").description("The trust ledger's evidence");
  common(evidenceGroup.command("backfill").description("Build the evidence from all history (administrators); safe to run again")).action(
    (options: Common) =>
      withServices(async (deps) => {
        const actor = await actorFor(deps, options.as, options.org);
        if (!canConfigureOrganization(actor.role)) throw new InvalidArgumentError("only an administrator can rebuild the evidence");
        const result = await trust.backfillEvidence(deps, actor.orgId);
        if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else
          console.log(
            `Published ${result.factsPublished} past facts; read ${result.eventsRead} events; ${result.evidenceRows} evidence rows.`,
          );
      }),
  );
}
