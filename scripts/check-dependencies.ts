import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { importsOf, violations } from "./dependency-rules.ts";

/** Checks every source file of src/ and web/ against the dependency rule; exits 1 on a violation. */
const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

const files = ["src", "web"].flatMap((dir) => {
  try {
    return sourceFiles(dir);
  } catch {
    return [];
  }
});
const found = violations(files.flatMap((file) => importsOf(file, readFileSync(path.join(root, file), "utf8"))));
for (const { rule, import: imp } of found) {
  console.error(`✗ ${rule.name}: ${imp.from} imports ${imp.to}\n    (${rule.why})`);
}
console.log(found.length === 0 ? `✓ dependency rule: ${files.length} files, no violations` : `${found.length} dependency violation(s)`);
process.exitCode = found.length === 0 ? 0 : 1;
