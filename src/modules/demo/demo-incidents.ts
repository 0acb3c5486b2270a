import type { Actor } from "../../core/actor.ts";
import { DEFAULT_WORKING_TIME, localDateOf, zonedTime } from "../../core/working-time.ts";
import { fixedClock } from "../../shared/clock.ts";
import * as incidents from "../incidents/incidents.usecases.ts";
import * as interactions from "../interactions/interactions.usecases.ts";
import type { DemoClientRef, DemoMember, Deps } from "./demo-commitments.ts";
import { workingDaysBefore } from "./demo-commitments.ts";
import { quietClientsOf } from "./demo-trust-stories.ts";

/**
 * Two errors of the first adviser's, on two of their clients that tell no
 * other story, through the same use-cases people use:
 * - one we found ourselves and told the client within a couple of working hours;
 * - one the client found before we did, told only the next afternoon.
 */
export async function loadDemoIncidents(deps: Deps, orgId: string, members: DemoMember[], clients: DemoClientRef[]): Promise<void> {
  const adviser = members.find((member) => member.role === "advisor");
  // Clients that tell no other story: the trust stories' four are left alone.
  const [quick, foundByClient] = quietClientsOf(members, clients).slice(-2);
  if (!adviser || !quick || !foundByClient) return;
  const settings = DEFAULT_WORKING_TIME;
  const now = deps.clock.now();
  const days = workingDaysBefore(settings, localDateOf(settings, now), 30);
  const day = (workingDaysAgo: number, time: string) => zonedTime(settings.timeZone, days[days.length - workingDaysAgo] as string, time);
  const walk = fixedClock(now);
  const at = (moment: Date) => {
    walk.set(moment);
    return { ...deps, clock: walk };
  };
  const actor: Actor = { userId: adviser.id, orgId, role: adviser.role, via: "session" };

  const rate = await incidents.recordIncident(at(day(9, "10:15")), actor, {
    clientIds: [quick.id],
    title: "Verkeerd btw-tarief in de aangifte over het derde kwartaal",
    discoveredAt: day(9, "10:00").toISOString(),
    foundBy: "us",
    severity: "medium",
    description: "In de aangifte over het derde kwartaal is 21% btw gerekend op producten onder het lage tarief.",
    rootCause: "De tarieftabel in ons aangifteprogramma was na de wijziging niet bijgewerkt.",
    remedy: "Suppletieaangifte ingediend; de klant krijgt het te veel betaalde terug.",
    lesson: "Bij elke tariefwijziging de tabel laten controleren door een tweede collega.",
  });
  await incidents.disclose(at(day(9, "12:30")), actor, rate.id, {
    clientId: quick.id,
    disclosedAt: day(9, "12:00").toISOString(),
    channel: "call",
    message: "Gebeld en uitgelegd wat er misging en dat wij de suppletie indienen; excuses aangeboden.",
  });
  // Telling the client was a contact moment too, and is on the client's timeline as one.
  await interactions.logInteraction(at(day(9, "12:30")), actor, {
    clientId: quick.id,
    kind: "call",
    direction: "outbound",
    initiatedBy: "us",
    occurredAt: day(9, "12:00").toISOString(),
    summary: "Fout in de btw-aangifte gemeld en excuses aangeboden",
  });

  const deadline = await incidents.recordIncident(at(day(5, "16:00")), actor, {
    clientIds: [foundByClient.id],
    title: "Bezwaartermijn aanslag gemeentelijke belastingen verlopen",
    discoveredAt: day(5, "15:30").toISOString(),
    foundBy: "client",
    severity: "high",
    description: "De klant belde: de termijn voor bezwaar was verstreken zonder dat wij bezwaar hadden gemaakt.",
    rootCause: "De termijn stond niet in de agenda van het team.",
    remedy: null,
    lesson: "Bezwaartermijnen komen als toezegging met een datum in Trustledger.",
  });
  await incidents.disclose(at(day(4, "15:00")), actor, deadline.id, {
    clientId: foundByClient.id,
    disclosedAt: day(4, "14:30").toISOString(),
    channel: "meeting",
    message: "Langsgegaan, de fout erkend en afgesproken dat wij een verzoek om ambtshalve vermindering indienen.",
  });
  await interactions.logInteraction(at(day(4, "15:00")), actor, {
    clientId: foundByClient.id,
    kind: "meeting",
    direction: "outbound",
    initiatedBy: "us",
    occurredAt: day(4, "14:30").toISOString(),
    summary: "Langsgegaan om de verlopen bezwaartermijn te bespreken",
  });
}
