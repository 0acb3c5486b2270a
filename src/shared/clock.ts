/** The one place that reads the wall clock, so tests and pure code can pass time in. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock & { set(next: Date): void } {
  let current = at;
  return {
    now: () => new Date(current.getTime()),
    set(next: Date) {
      current = next;
    },
  };
}
