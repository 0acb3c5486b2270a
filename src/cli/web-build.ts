import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** The newest modification time of any file below `dir` (0 when there is none). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the browser app when it is missing or older than its sources, so
 * `npm start` after a fresh clone or a pull always serves the current UI.
 */
export async function ensureWebBuilt(projectRoot: string, log: (message: string) => void): Promise<void> {
  const source = path.join(projectRoot, "web");
  const built = path.join(projectRoot, "dist", "web", "index.html");
  if (!existsSync(path.join(source, "vite.config.ts"))) return;
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(source)) return;
  log("Building the web app (first start or changed sources)…");
  const { build } = await import("vite");
  await build({ configFile: path.join(source, "vite.config.ts"), logLevel: "warn" });
}
