import type { Actor } from "../../core/actor.ts";
import { addWorkingDays, DEFAULT_WORKING_TIME, localDateOf, zonedTime } from "../../core/working-time.ts";
import { fixedClock } from "../../shared/clock.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import * as interactions from "../interactions/interactions.usecases.ts";
import * as pulse from "../pulse/pulse.usecases.ts";
import type { DemoClientRef, DemoMember, Deps } from "./demo-commitments.ts";
import { workingDaysBefore } from "./demo-commitments.ts";

/**
 * Trust stories the demo tells, each on its own client of the first adviser,
 * through the same use-cases people use, dated relative to "now" on working
 * days:
 * - a promise broken without telling the client (it tops the at-risk list);
 * - a client whose own pulse contradicts our evidence (praise for a record of
 *   late deliveries and a silently moved date);
 * - a healthy relationship: promises kept, the client brings its problems and
 *   invites us, a warm pulse, a team that likes the work;
 * - a client that used to call every couple of weeks and has gone silent.
 */
export type TrustStoryClients = { silent: DemoClientRef; undisclosed: DemoClientRef; contradicting: DemoClientRef; healthy: DemoClientRef };

export function storyClients(members: DemoMember[], clients: DemoClientRef[]): TrustStoryClients | null {
  const adviser = members.find((member) => member.role === "advisor");
  const own = clients.filter((client) => client.ownerId === adviser?.id && client.contactIds.length > 0);
  const [silent, undisclosed, contradicting, healthy] = own.slice(-4);
  return silent && undisclosed && contradicting && healthy ? { silent, undisclosed, contradicting, healthy } : null;
}

/** The adviser's clients that carry no trust story, in the demo's order (for the errors and contracts). */
export function quietClientsOf(members: DemoMember[], clients: DemoClientRef[]): DemoClientRef[] {
  const adviser = members.find((member) => member.role === "advisor");
  const stories = storyClients(members, clients);
  const storyIds = new Set(stories ? Object.values(stories).map((client) => client.id) : []);
  return clients.filter((client) => client.ownerId === adviser?.id && !storyIds.has(client.id));
}

export async function loadTrustStories(deps: Deps, orgId: string, members: DemoMember[], clients: DemoClientRef[]): Promise<void> {
  const stories = storyClients(members, clients);
  const adviser = members.find((member) => member.role === "advisor");
  if (!stories || !adviser) return;
  const settings = DEFAULT_WORKING_TIME;
  const now = deps.clock.now();
  const days = workingDaysBefore(settings, localDateOf(settings, now), 80);
  const day = (workingDaysAgo: number, time: string) => zonedTime(settings.timeZone, days[days.length - workingDaysAgo] as string, time);
  const walk = fixedClock(now);
  const at = (moment: Date) => {
    walk.set(moment);
    return { ...deps, clock: walk };
  };
  const actor: Actor = { userId: adviser.id, orgId, role: adviser.role, via: "session" };
  const talk = (
    client: DemoClientRef,
    moment: Date,
    summary: string,
    flags: { clientRaisedProblem?: boolean; clientInvitation?: boolean } = {},
  ) =>
    interactions.logInteraction(at(moment), actor, {
      clientId: client.id,
      contactId: client.contactIds[0] ?? null,
      kind: "call",
      direction: flags.clientRaisedProblem || flags.clientInvitation ? "inbound" : "outbound",
      initiatedBy: flags.clientRaisedProblem || flags.clientInvitation ? "client" : "us",
      occurredAt: moment.toISOString(),
      summary,
      ...flags,
    });
  const promise = async (client: DemoClientRef, title: string, made: Date, due: Date) =>
    commitments.createCommitment(at(made), actor, {
      clientId: client.id,
      contactId: client.contactIds[0] ?? null,
      title,
      doneWhen: "De klant heeft het ontvangen",
      ownerId: adviser.id,
      dueAt: due.toISOString(),
      source: "meeting",
      kind: "deliverable",
    });

  // 1. Broken, and the client was never told.
  const forgotten = await promise(stories.undisclosed, "Bezwaarschrift WOZ-waarde indienen", day(15, "10:00"), day(12, "16:00"));
  await commitments.breakCommitment(at(day(10, "11:00")), actor, forgotten.id, {
    reason: "Termijn gemist, vergeten in te plannen",
    clientInformed: false,
  });

  // 2. Late again and again, a date moved without a word — yet the client's pulse is all praise.
  for (const [made, due, done, title] of [
    [25, 23, 21, "Concept jaarrekening sturen"],
    [20, 18, 16, "Loonstroken corrigeren"],
    [14, 12, 10, "Btw-suppletie voorbereiden"],
  ] as const) {
    const late = await promise(stories.contradicting, title, day(made, "09:30"), day(due, "12:00"));
    await commitments.completeCommitment(at(day(done, "15:00")), actor, late.id, {});
  }
  const moved = await promise(stories.contradicting, "Investeringsaftrek uitzoeken", day(9, "10:00"), day(7, "12:00"));
  await commitments.renegotiateCommitment(at(day(6, "10:00")), actor, moved.id, {
    dueAt: addWorkingDays(settings, day(6, "12:00"), 1).toISOString(),
    reason: "Uitgelopen",
    clientInformed: false,
  });
  const praise = await pulse.createRequest({ ...at(day(4, "09:00")), baseUrl: "" }, actor, stories.contradicting.id, {
    contactId: stories.contradicting.contactIds[0] as string,
    send: false,
  });
  await pulse.answerPulse(at(day(3, "20:15")), praise.token, {
    integrity: 5,
    intent: 5,
    capabilities: 5,
    results: 5,
    comment: "Altijd fijn contact!",
  });

  // 3. Healthy: kept on time, a warm pulse, a team that likes working with them.
  for (const [made, due, done, title] of [
    [28, 25, 26, "Jaarplanning bespreken"],
    [19, 16, 17, "Aangifte vennootschapsbelasting"],
    [11, 8, 9, "Subsidieaanvraag WBSO"],
    [6, 3, 4, "Managementrapportage Q3"],
  ] as const) {
    const kept = await promise(stories.healthy, title, day(made, "11:00"), day(due, "16:00"));
    await commitments.completeCommitment(at(day(done, "14:00")), actor, kept.id, {});
  }
  const warm = await pulse.createRequest({ ...at(day(8, "09:00")), baseUrl: "" }, actor, stories.healthy.id, {
    contactId: stories.healthy.contactIds[0] as string,
    send: false,
  });
  await pulse.answerPulse(at(day(7, "12:40")), warm.token, {
    integrity: 4,
    intent: 5,
    capabilities: 4,
    results: 4,
    comment: "Meedenkend en op tijd.",
  });
  await talk(stories.healthy, day(24, "10:30"), "Kwartaalgesprek: cijfers doorgenomen");
  await talk(stories.healthy, day(12, "14:15"), "Belde zelf over een conflict met een leverancier", { clientRaisedProblem: true });
  await talk(stories.healthy, day(5, "11:45"), "Uitnodiging voor de opening van hun nieuwe vestiging", { clientInvitation: true });
  for (const member of members.filter((one) => one.role !== "frontdesk").slice(0, 3)) {
    const colleague: Actor = { userId: member.id, orgId, role: member.role, via: "session" };
    await pulse.answerTeamPulse(at(day(2, "17:00")), colleague, stories.healthy.id, { feeling: 5, words: "Prettige klant" });
  }

  // 4. Called every two weeks, then nothing for two months.
  for (const [ago, summary] of [
    [75, "Belronde: stand van zaken"],
    [65, "Vragen over de voorlopige aanslag"],
    [55, "Afspraak jaarwerk ingepland"],
    [45, "Kort overleg over de loonadministratie"],
  ] as const) {
    await talk(stories.silent, day(ago, "10:00"), summary);
  }
}
