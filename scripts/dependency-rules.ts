/**
 * The dependency rule of ARCHITECTURE.md as data and one pure check.
 * (dependency-cruiser cannot read TypeScript 7 sources yet; our imports are
 * all static `import … from "…"` with explicit paths, so reading them is simple.)
 */
export type Rule = {
  name: string;
  why: string;
  /** Does the rule apply to an import from `from` of `to`? Both are repository paths. */
  forbids(from: string, to: string, typeOnly: boolean): boolean;
};

const isOurs = (to: string) => to.startsWith("src/") || to.startsWith("web/");
const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];

export const rules: Rule[] = [
  {
    name: "core-is-pure",
    why: "core holds pure rules: it imports nothing of ours but core and shared, and no I/O",
    forbids: (from, to, typeOnly) => {
      if (!from.startsWith("src/core/")) return false;
      if (isOurs(to)) return !(to.startsWith("src/core/") || to.startsWith("src/shared/"));
      if (typeOnly) return false;
      return !["chrono-node", "csv-parse", "date-holidays", "temporal-polyfill"].some(
        (allowed) => to === allowed || to.startsWith(`${allowed}/`),
      );
    },
  },
  {
    name: "shared-is-not-domain",
    why: "shared is clock, ids, logger, errors, field shapes: nothing domain-specific",
    forbids: (from, to) => from.startsWith("src/shared/") && /^src\/(core|db|modules|http|cli|jobs)\/|^src\/app\.ts$/.test(to),
  },
  {
    name: "modules-do-not-import-shells",
    why: "http, cli, jobs and the composition root wrap modules; modules never import them",
    forbids: (from, to) => /^src\/(modules|db|core)\//.test(from) && /^src\/(http|cli|jobs)\/|^src\/app\.ts$/.test(to),
  },
  {
    name: "no-other-modules-internals",
    why: "another module is used through its use-cases and schemas, never its repository or routes",
    forbids: (from, to) => {
      const own = moduleOf(from);
      const other = moduleOf(to);
      return own !== undefined && other !== undefined && own !== other && /\.(repository|routes)\.ts$/.test(to);
    },
  },
  {
    name: "web-sees-only-schemas-and-core",
    why: "the browser app shares request/response shapes with the server, nothing else",
    forbids: (from, to) =>
      from.startsWith("web/") &&
      to.startsWith("src/") &&
      !/^src\/modules\/[^/]+\/[^/]+\.schemas\.ts$|^src\/core\/|^src\/shared\/fields\.ts$/.test(to),
  },
];

export type Import = { from: string; to: string; typeOnly: boolean };

/** The static imports of one source file, with relative paths resolved against the repository root. */
export function importsOf(file: string, source: string): Import[] {
  const found: Import[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[3] ?? "";
    const typeOnly = match[2] !== undefined;
    const to = specifier.startsWith(".") ? normalize(`${file.slice(0, file.lastIndexOf("/") + 1)}${specifier}`) : specifier;
    found.push({ from: file, to, typeOnly });
  }
  for (const match of source.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) {
    const specifier = match[1] ?? "";
    const to = specifier.startsWith(".") ? normalize(`${file.slice(0, file.lastIndexOf("/") + 1)}${specifier}`) : specifier;
    found.push({ from: file, to, typeOnly: false });
  }
  return found;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

export function violations(imports: Import[]): { rule: Rule; import: Import }[] {
  return imports.flatMap((imp) =>
    rules.filter((rule) => rule.forbids(imp.from, imp.to, imp.typeOnly)).map((rule) => ({ rule, import: imp })),
  );
}
