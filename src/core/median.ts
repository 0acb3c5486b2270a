/**
 * The median of numbers, the way PostgreSQL's percentile_cont(0.5) takes it:
 * the middle value, or halfway between the two middle values; null for none.
 * Several lists count as one (a team's median is over all its members' values).
 */
export function median(lists: readonly (readonly number[] | Int32Array)[]): number | null {
  let size = 0;
  for (const list of lists) size += list.length;
  if (size === 0) return null;
  const all = new Float64Array(size);
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  all.sort();
  const middle = (size - 1) / 2;
  const low = all[Math.floor(middle)] as number;
  const high = all[Math.ceil(middle)] as number;
  return (low + high) / 2;
}

/** "1800,3600,42" (as `array_to_string` writes integers) to numbers. */
export function parseIntegers(text: string | null): Int32Array {
  if (!text) return new Int32Array(0);
  const parts = text.split(",");
  const numbers = new Int32Array(parts.length);
  for (let i = 0; i < parts.length; i++) numbers[i] = Number(parts[i]);
  return numbers;
}
