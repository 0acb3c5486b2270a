import { addWorkingHours, type WorkingTimeSettings, weeklyWorkingMilliseconds, workingMillisecondsBetween } from "../working-time.ts";

/**
 * The rules of telling a client about our error, pure: how long "one working
 * day" is for this organization, when the policy says a client must have been
 * told, and how many working hours it took.
 */
const HOUR_MS = 3_600_000;

export type DisclosurePolicy = {
  /** Working hours from discovery within which every affected client is told. */
  discloseWithinHours: number;
  /** Further working hours after that deadline before the admins are told too. */
  adminsAfterHours: number;
};

/** One working day: the organization's weekly working time divided over the days it is open (8 for 9–17). */
export function oneWorkingDayHours(settings: WorkingTimeSettings): number {
  const openDays = Object.values(settings.hours).filter((day) => day !== null && day !== undefined).length;
  if (openDays === 0) return 8;
  return Math.round((weeklyWorkingMilliseconds(settings.hours) / openDays / HOUR_MS) * 100) / 100;
}

/** The organization's stored choices over the default (one working day, then one more for the admins). */
export function effectivePolicy(
  settings: WorkingTimeSettings,
  stored: { discloseWithinHours: number | null; adminsAfterHours: number | null },
): DisclosurePolicy {
  const day = oneWorkingDayHours(settings);
  return { discloseWithinHours: stored.discloseWithinHours ?? day, adminsAfterHours: stored.adminsAfterHours ?? day };
}

/** When the team lead hears of it (the policy's deadline) and when the admins do. */
export function escalationDeadlines(settings: WorkingTimeSettings, policy: DisclosurePolicy, discoveredAt: Date) {
  const discloseBy = addWorkingHours(settings, discoveredAt, policy.discloseWithinHours);
  const adminsBy = addWorkingHours(settings, discloseBy, policy.adminsAfterHours);
  return { discloseBy, adminsBy };
}

/** The headline figure: working hours from discovery to telling the client, to two decimals. */
export function workingHoursToDisclosure(settings: WorkingTimeSettings, discoveredAt: Date, disclosedAt: Date): number {
  return toHours(workingMillisecondsBetween(settings, discoveredAt, disclosedAt));
}

export const toHours = (ms: number): number => Math.round((ms / HOUR_MS) * 100) / 100;

/** Within the policy: told no later than the deadline worked out when the error was recorded. */
export const isWithinPolicy = (disclosedAt: Date, discloseBy: Date): boolean => disclosedAt.getTime() <= discloseBy.getTime();
