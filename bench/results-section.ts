import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Puts one section (a "## Heading" and what follows up to the next "## ") into
 * bench/RESULTS.md, replacing that section when it is there and appending it
 * when not; the rest of the file is left as it is. Benchmarks run apart from
 * `npm run bench` (search, integrity) write their own section this way.
 */
export function writeResultsSection(heading: string, section: string): void {
  const file = path.resolve(import.meta.dirname, "RESULTS.md");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const start = current.indexOf(`\n${heading}\n`);
  let next: string;
  if (start < 0) {
    next = `${current.replace(/\s*$/, "")}\n\n${section}`;
  } else {
    const after = current.indexOf("\n## ", start + heading.length + 1);
    next = `${current.slice(0, start + 1)}${section}${after < 0 ? "" : `\n${current.slice(after + 1)}`}`;
  }
  writeFileSync(file, next);
}
