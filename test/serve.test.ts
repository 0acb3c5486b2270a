import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPostgresDatabaseUrl } from "./helpers/database.ts";

/**
 * `trustledger serve` as a user starts it: a real process on a real port,
 * migrating and loading the demo on first start, and stopping cleanly on SIGTERM.
 */
const root = path.resolve(import.meta.dirname, "..");
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

async function startServer(env: Record<string, string>) {
  const port = await freePort();
  let output = "";
  const child = spawn(path.join(root, "node_modules/.bin/node"), ["src/cli/main.ts", "serve"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(`${base}/readyz`, child);
  return { child, base, output: () => output };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("serve", () => {
  it("starts on a fresh data directory with the demo organization, and stops cleanly on SIGTERM", async () => {
    const env: Record<string, string> = process.env.TRUSTLEDGER_TEST_DATABASE_URL
      ? { DATABASE_URL: await createPostgresDatabaseUrl(cleanups) }
      : { DATABASE_URL: "", TRUSTLEDGER_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "tl-serve-")) };
    if (env.TRUSTLEDGER_DATA_DIR) cleanups.push(() => rmSync(env.TRUSTLEDGER_DATA_DIR as string, { recursive: true, force: true }));
    const server = await startServer({ ...env, TRUSTLEDGER_DEMO: "1" });

    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    expect(server.output()).toContain("sanne@vandijk-dewit.example");
    // The password is made at first start and printed once: a published one would open every server the demo runs on.
    const password = /password: (\S+)/.exec(server.output())?.[1] ?? "";
    expect(password).toMatch(/^demo-[\w-]{12}$/);
    const signIn = (pass: string) =>
      fetch(`${server.base}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "sanne@vandijk-dewit.example", password: pass }),
      });
    expect((await signIn("trustledger-demo")).status).toBe(401);
    const signin = await signIn(password);
    expect(signin.status).toBe(200);
    const cookie = signin.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const clients = await (await fetch(`${server.base}/api/v1/clients?limit=200`, { headers: { cookie } })).json();
    expect(clients.items).toHaveLength(50);
    const members = await (await fetch(`${server.base}/api/v1/members`, { headers: { cookie } })).json();
    expect(members.items.map((m: { role: string }) => m.role).sort()).toEqual(["admin", "advisor", "advisor", "frontdesk", "lead"]);

    const exit = exited(server.child);
    server.child.kill("SIGTERM");
    expect(await exit).toBe(0);
  }, 120_000);
});
