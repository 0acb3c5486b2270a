import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import type { Role } from "../../core/roles.ts";
import { addWorkingDays, addWorkingHours, DEFAULT_WORKING_TIME } from "../../core/working-time.ts";
import type { DB } from "../../db/schema.ts";
import { type Clock, fixedClock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import { seededRandom } from "./demo-data.ts";

/**
 * Twelve weeks of promises for the demo organization, made through the same
 * use-cases a user goes through, on a clock that walks through those weeks:
 * most kept on time, some late, a few renegotiated (mostly with notice) or not
 * kept, and for today a realistic "My day" — something overdue, due today,
 * this week, and callbacks waiting.
 */
const PROMISES = [
  ["Concept jaarrekening sturen", "De klant heeft het concept als pdf in de mail"],
  ["Terugbellen over de btw-aangifte", "De klant heeft antwoord op de btw-vraag gehad"],
  ["Offerte loonadministratie opstellen", "Offerte verstuurd met prijs en planning"],
  ["Plan van aanpak herstructurering", "Plan van aanpak besproken en gemaild"],
  ["Vragen over de hypotheekaftrek beantwoorden", "Schriftelijk antwoord verstuurd"],
  ["Aangifte vennootschapsbelasting indienen", "Aangifte ingediend, bevestiging gedeeld"],
  ["Subsidiemogelijkheden uitzoeken", "Overzicht van drie regelingen gemaild"],
  ["Verslag van het jaargesprek mailen", "Verslag met actiepunten verstuurd"],
  ["Terugbellen over de voorlopige aanslag", "Klant gesproken en uitleg gegeven"],
  ["Prognose cashflow tweede halfjaar", "Prognose in Excel gedeeld en toegelicht"],
] as const;

type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; baseUrl: string };
type Member = { id: string; role: Role };

export async function loadDemoCommitments(deps: Deps, orgId: string, members: Member[], clientIds: string[]): Promise<number> {
  const random = seededRandom(4242);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const now = deps.clock.now();
  const walk = fixedClock(now);
  const owners = members.filter((m) => m.role !== "frontdesk");
  const actorOf = (member: Member): Actor => ({ userId: member.id, orgId, role: member.role, via: "session" });
  const at = (date: Date) => {
    walk.set(date);
    return { ...deps, clock: walk };
  };
  let count = 0;

  // History: each working day of the past twelve weeks, a few promises made and closed.
  for (let day = 84; day >= 1; day--) {
    const made = new Date(now.getTime() - day * 86_400_000);
    made.setUTCHours(8 + Math.floor(random() * 6), Math.floor(random() * 60), 0, 0);
    const weekday = made.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const madeToday = random() < 0.4 ? 2 : 1;
    for (let n = 0; n < madeToday; n++) {
      const owner = pick(owners);
      const [title, doneWhen] = pick(PROMISES);
      const callback = title.startsWith("Terugbellen");
      const dueAt = callback
        ? addWorkingHours(DEFAULT_WORKING_TIME, made, 4)
        : addWorkingDays(DEFAULT_WORKING_TIME, made, 2 + Math.floor(random() * 4));
      if (dueAt.getTime() >= now.getTime()) continue;
      const created = await commitments.createCommitment(at(made), actorOf(owner), {
        clientId: pick(clientIds),
        title,
        doneWhen,
        ownerId: owner.id,
        dueAt: dueAt.toISOString(),
        source: callback ? "call" : pick(["meeting", "email", "call", "note"] as const),
        kind: callback ? "callback" : "deliverable",
      });
      count++;
      const fate = random();
      const due = dueAt.getTime();
      const span = due - made.getTime();
      if (fate < 0.12) {
        // Will slip: tell the client in time (mostly), then keep the new date.
        const newDue = new Date(due + 2 * 86_400_000);
        const informed = fate < 0.09;
        await commitments.renegotiateCommitment(at(new Date(due - (informed ? span / 4 : -3_600_000))), actorOf(owner), created.id, {
          dueAt: newDue.toISOString(),
          reason: informed ? "Wachten op stukken van de klant" : "Drukte aan het eind van de maand",
          clientInformed: informed,
        });
        if (newDue.getTime() < now.getTime()) {
          await commitments.completeCommitment(at(new Date(newDue.getTime() - 3_600_000)), actorOf(owner), created.id, {});
        }
      } else if (fate < 0.17) {
        await commitments.breakCommitment(at(new Date(due + 86_400_000)), actorOf(owner), created.id, {
          reason: "De klant heeft het zelf opgelost",
        });
      } else if (fate < 0.27) {
        await commitments.completeCommitment(at(new Date(due + (1 + random() * 20) * 3_600_000)), actorOf(owner), created.id, {});
      } else {
        await commitments.completeCommitment(at(new Date(made.getTime() + span * (0.2 + random() * 0.7))), actorOf(owner), created.id, {});
      }
    }
  }

  // Today: for every owner, a little of everything still to do.
  for (const owner of owners) {
    const plans: { hoursFromNow: number; kind: "callback" | "deliverable"; past?: boolean }[] = [
      { hoursFromNow: -26, kind: "deliverable", past: true },
      { hoursFromNow: 3, kind: "callback" },
      { hoursFromNow: 5, kind: "deliverable" },
      { hoursFromNow: 50, kind: "deliverable" },
      { hoursFromNow: 24 * 9, kind: "deliverable" },
    ];
    for (const plan of plans) {
      const made = new Date(now.getTime() - (plan.past ? 4 * 86_400_000 : 3_600_000));
      const [title, doneWhen] =
        plan.kind === "callback"
          ? (PROMISES[1] as (typeof PROMISES)[number])
          : pick(PROMISES.filter(([t]) => !t.startsWith("Terugbellen")));
      await commitments.createCommitment(at(made), actorOf(owner), {
        clientId: pick(clientIds),
        title,
        doneWhen,
        ownerId: owner.id,
        dueAt: onQuarterHour(now.getTime() + plan.hoursFromNow * 3_600_000).toISOString(),
        source: plan.kind === "callback" ? "call" : "meeting",
        kind: plan.kind,
      });
      count++;
    }
  }
  return count;
}

const QUARTER_HOUR_MS = 15 * 60_000;

/** The next quarter hour from `ms`: people promise "at 14:15", not "at 14:07". */
function onQuarterHour(ms: number): Date {
  return new Date(Math.ceil(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
}
