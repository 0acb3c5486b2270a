import type { ReactNode } from "react";

/** Text with the given [start, end) ranges in <mark>: React escapes everything, so nothing in the text is ever markup. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly { start: number; end: number }[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
