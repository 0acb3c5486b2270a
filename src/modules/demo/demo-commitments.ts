import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import type { Role } from "../../core/roles.ts";
import {
  addWorkingDays,
  addWorkingHours,
  addWorkingMilliseconds,
  DEFAULT_WORKING_TIME,
  isWorkingDay,
  localDateOf,
  nextWorkingStart,
  type WorkingTimeSettings,
  workingMillisecondsBetween,
  zonedTime,
} from "../../core/working-time.ts";
import type { DB } from "../../db/schema.ts";
import { type Clock, fixedClock } from "../../shared/clock.ts";
import type { CursorCodec } from "../../shared/cursor.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import { seededRandom } from "./demo-data.ts";

/**
 * Twelve weeks of promises for the demo organization, made through the same
 * use-cases a user goes through, on a clock that walks through those weeks:
 * most kept on time, some late, a few renegotiated (mostly with notice) or not
 * kept, and a realistic "My day" for every adviser — something overdue, due
 * next, later this week and callbacks waiting.
 *
 * Whatever day and hour the demo is loaded on, it looks the same: the history
 * is laid on the last sixty *working* days (never a weekend or a public
 * holiday), every promise is made and due at a round time within business
 * hours, and the random choices are drawn in a fixed order that does not
 * depend on the date — so the same clients get the same promises, and every
 * client with contacts has something still open (the front desk sees it when
 * that client calls).
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
type Promised = (typeof PROMISES)[number];
const DELIVERABLES: readonly Promised[] = PROMISES.filter(([title]) => !title.startsWith("Terugbellen"));
const CALLBACKS: readonly Promised[] = PROMISES.filter(([title]) => title.startsWith("Terugbellen"));
const SOURCES = ["meeting", "email", "call", "note"] as const;

/** The item of `list` a draw in [0, 1) lands on. */
function drawn<T>(list: readonly T[], draw: number): T {
  return list[Math.min(list.length - 1, Math.floor(draw * list.length))] as T;
}

/** Working days of history before today. */
export const DEMO_HISTORY_WORKING_DAYS = 60;
const QUARTER_HOUR_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;

export type Deps = { db: Kysely<DB>; clock: Clock; cursor: CursorCodec; baseUrl: string };
export type DemoMember = { id: string; role: Role };
export type DemoClientRef = { id: string; ownerId: string | null; contactIds: string[] };

/** The next quarter hour from `at` (itself when on one): people promise "at 14:15", not "at 14:07". */
export function onQuarterHour(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
}

/** The working day before a local date (YYYY-MM-DD). Noon minus a day is the day before, also across DST. */
function workingDayBefore(settings: WorkingTimeSettings, localDate: string): string {
  let date = localDate;
  do {
    date = localDateOf(settings, new Date(zonedTime(settings.timeZone, date, "12:00").getTime() - 24 * HOUR_MS));
  } while (!isWorkingDay(settings, date));
  return date;
}

/** The last `count` working days before `today`, oldest first. */
export function workingDaysBefore(settings: WorkingTimeSettings, today: string, count: number): string[] {
  const days: string[] = [];
  let date = today;
  for (let n = 0; n < count; n++) {
    date = workingDayBefore(settings, date);
    days.unshift(date);
  }
  return days;
}

/** A round time of day within business hours (09:00–15:45), from one random draw. */
function roundTimeOfDay(draw: number): string {
  const quarter = Math.floor(draw * 28); // 28 quarter hours from 09:00 to 15:45
  const hours = 9 + Math.floor(quarter / 4);
  return `${String(hours).padStart(2, "0")}:${String((quarter % 4) * 15).padStart(2, "0")}`;
}

export async function loadDemoCommitments(deps: Deps, orgId: string, members: DemoMember[], clients: DemoClientRef[]): Promise<number> {
  const settings = DEFAULT_WORKING_TIME;
  const random = seededRandom(4242);
  const now = deps.clock.now();
  const today = localDateOf(settings, now);
  const walk = fixedClock(now);
  const owners = members.filter((m) => m.role !== "frontdesk");
  const actorOf = (member: DemoMember): Actor => ({ userId: member.id, orgId, role: member.role, via: "session" });
  const at = (date: Date) => {
    walk.set(date);
    return { ...deps, clock: walk };
  };
  // Each adviser makes promises to the clients they own.
  const clientsOf = new Map(owners.map((owner) => [owner.id, clients.filter((c) => c.ownerId === owner.id)]));
  const contactOf = (client: DemoClientRef, draw: number) =>
    client.contactIds.length > 0 ? (client.contactIds[Math.floor(draw * client.contactIds.length)] ?? null) : null;
  let count = 0;

  // History: on each of the last sixty working days, one or two promises made, most closed since.
  for (const day of workingDaysBefore(settings, today, DEMO_HISTORY_WORKING_DAYS)) {
    const perDay = random() < 0.4 ? 2 : 1;
    for (let n = 0; n < perDay; n++) {
      // Every draw is taken, used or not, so the next promise does not depend on this one's dates.
      const [ownerDraw, clientDraw, contactDraw, titleDraw, timeDraw, daysDraw, fate, closeDraw] = Array.from({ length: 8 }, random) as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const owner = owners[Math.floor(ownerDraw * owners.length)] as DemoMember;
      const own = clientsOf.get(owner.id) ?? [];
      const client = (own.length > 0 ? own : clients)[
        Math.floor(clientDraw * (own.length > 0 ? own.length : clients.length))
      ] as DemoClientRef;
      const callback = titleDraw < 0.25;
      const [title, doneWhen] = callback ? drawn(CALLBACKS, titleDraw / 0.25) : drawn(DELIVERABLES, (titleDraw - 0.25) / 0.75);
      const made = zonedTime(settings.timeZone, day, roundTimeOfDay(timeDraw));
      const dueAt = callback ? addWorkingHours(settings, made, 4) : addWorkingDays(settings, made, 2 + Math.floor(daysDraw * 4));
      const created = await commitments.createCommitment(at(made), actorOf(owner), {
        clientId: client.id,
        contactId: contactOf(client, contactDraw),
        title,
        doneWhen,
        ownerId: owner.id,
        dueAt: dueAt.toISOString(),
        source: callback ? "call" : drawn(SOURCES, contactDraw),
        kind: callback ? "callback" : "deliverable",
      });
      count++;
      const span = workingMillisecondsBetween(settings, made, dueAt);
      // Each outcome happens at a working moment; one that would lie in the future has not happened yet.
      const happen = async (when: Date, action: (deps: Deps) => Promise<unknown>) => {
        const moment = new Date(Math.floor(when.getTime() / (5 * 60_000)) * 5 * 60_000);
        if (moment.getTime() >= now.getTime()) return false;
        await action(at(moment));
        return true;
      };
      if (fate < 0.12) {
        // Will slip: tell the client in time (mostly), then keep the new date.
        const informed = fate < 0.09;
        const newDue = addWorkingDays(settings, dueAt, 2);
        const moved = await happen(
          informed ? addWorkingMilliseconds(settings, made, span * 0.75) : addWorkingHours(settings, dueAt, 1),
          (d) =>
            commitments.renegotiateCommitment(d, actorOf(owner), created.id, {
              dueAt: newDue.toISOString(),
              reason: informed ? "Wachten op stukken van de klant" : "Drukte aan het eind van de maand",
              clientInformed: informed,
            }),
        );
        if (moved) {
          // Kept an hour before the new due time (closing time of a working day, so within business hours).
          await happen(new Date(newDue.getTime() - HOUR_MS), (d) => commitments.completeCommitment(d, actorOf(owner), created.id, {}));
        }
      } else if (fate < 0.17) {
        await happen(addWorkingHours(settings, dueAt, 8), (d) =>
          commitments.breakCommitment(d, actorOf(owner), created.id, { reason: "De klant heeft het zelf opgelost", clientInformed: true }),
        );
      } else if (fate < 0.27) {
        await happen(addWorkingHours(settings, dueAt, 1 + closeDraw * 12), (d) =>
          commitments.completeCommitment(d, actorOf(owner), created.id, {}),
        );
      } else {
        await happen(addWorkingMilliseconds(settings, made, span * (0.2 + closeDraw * 0.7)), (d) =>
          commitments.completeCommitment(d, actorOf(owner), created.id, {}),
        );
      }
    }
  }

  // Still to do, for every adviser: something overdue, a callback and a deliverable next up, one
  // later this week and one in two weeks — each for one of their own clients, in a fixed order,
  // so every client with contacts ends up with an open promise.
  const yesterday = workingDayBefore(settings, today);
  const lastWeek = workingDaysBefore(settings, today, 5)[0] as string;
  const nextUp = nextWorkingStart(settings, now);
  const plans = [
    { kind: "deliverable", made: zonedTime(settings.timeZone, lastWeek, "10:00"), due: zonedTime(settings.timeZone, yesterday, "16:00") },
    { kind: "callback", made: zonedTime(settings.timeZone, yesterday, "15:30"), due: onQuarterHour(addWorkingHours(settings, nextUp, 2)) },
    {
      kind: "deliverable",
      made: zonedTime(settings.timeZone, yesterday, "11:00"),
      due: onQuarterHour(addWorkingHours(settings, nextUp, 5)),
    },
    { kind: "deliverable", made: zonedTime(settings.timeZone, yesterday, "14:00"), due: addWorkingDays(settings, nextUp, 2) },
    { kind: "deliverable", made: zonedTime(settings.timeZone, yesterday, "09:30"), due: addWorkingDays(settings, nextUp, 9) },
  ] as const;
  for (const owner of owners) {
    const own = (clientsOf.get(owner.id) ?? []).filter((c) => c.contactIds.length > 0);
    for (const [index, plan] of plans.entries()) {
      const client = own.length > 0 ? (own[index % own.length] as DemoClientRef) : (clients[index % clients.length] as DemoClientRef);
      const [title, doneWhen] =
        plan.kind === "callback" ? drawn(CALLBACKS, 0) : drawn(DELIVERABLES, ((index * 3) % DELIVERABLES.length) / DELIVERABLES.length);
      await commitments.createCommitment(at(plan.made), actorOf(owner), {
        clientId: client.id,
        contactId: client.contactIds[0] ?? null,
        title,
        doneWhen,
        ownerId: owner.id,
        dueAt: plan.due.toISOString(),
        source: plan.kind === "callback" ? "call" : "meeting",
        kind: plan.kind,
      });
      count++;
    }
    // The rest of this adviser's clients with contacts: a promise due within the next two weeks.
    for (const [index, client] of own.slice(plans.length).entries()) {
      const [title, doneWhen] = drawn(DELIVERABLES, (index % DELIVERABLES.length) / DELIVERABLES.length);
      await commitments.createCommitment(at(zonedTime(settings.timeZone, yesterday, "13:00")), actorOf(owner), {
        clientId: client.id,
        contactId: client.contactIds[0] ?? null,
        title,
        doneWhen,
        ownerId: owner.id,
        dueAt: addWorkingDays(settings, nextUp, 3 + (index % 8)).toISOString(),
        source: "meeting",
        kind: "deliverable",
      });
      count++;
    }
  }
  return count;
}
