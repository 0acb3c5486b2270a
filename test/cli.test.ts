import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/connection.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { createPostgresDatabaseUrl, testDatabaseUrl } from "./helpers/database.ts";

/**
 * The `trustledger` command as an operator runs it: a real child process on a
 * fresh database (a temporary data directory, or a new PostgreSQL database when
 * TRUSTLEDGER_TEST_DATABASE_URL is set).
 */
const root = path.resolve(import.meta.dirname, "..");
const node = path.join(root, "node_modules/.bin/node");
const cleanups: (() => Promise<void> | void)[] = [];
let env: Record<string, string>;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), "trustledger-cli-"));
  cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));
  env = testDatabaseUrl
    ? { DATABASE_URL: await createPostgresDatabaseUrl(cleanups), TRUSTLEDGER_DATA_DIR: workDir }
    : { DATABASE_URL: "", TRUSTLEDGER_DATA_DIR: path.join(workDir, "data") };
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The caller's environment without settings that would point the CLI elsewhere. */
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !["DATABASE_URL", "TRUSTLEDGER_SECRET", "TRUSTLEDGER_DATA_DIR", "TRUSTLEDGER_DEMO"].includes(key),
  ),
);

type Run = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, ["bin/trustledger.js", ...args], {
      cwd: root,
      env: { ...inherited, LOG_LEVEL: "silent", ...env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A failed command: non-zero exit, the message on stderr, nothing on stdout, no stack trace. */
function expectFailure(run: Run, message: string | RegExp) {
  expect(run.code, run.stderr).not.toBe(0);
  expect(run.code).not.toBeNull();
  if (typeof message === "string") expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
  expect(run.stdout).toBe("");
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

type Export = {
  organization: { id: string; name: string; slug: string };
  members: { id: string; email: string; name: string; role: string }[];
  clients: { id: string; name: string }[];
  contacts: { id: string }[];
  teams: { id: string; name: string }[];
};

async function exportOrg(org?: string): Promise<Export> {
  const run = await cli(["export", ...(org ? ["--org", org] : [])]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

const DEMO_ADMIN = "sanne@vandijk-dewit.example";
let demo: Export;

describe("trustledger CLI", () => {
  it("migrate brings a fresh database up to date, and says so the second time", async () => {
    const first = await cli(["migrate"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^0001_auth: Success$/m);
    expect(first.stdout).toMatch(/^0002_clients: Success$/m);
    const second = await cli(["migrate"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe("The database is up to date.");
  }, 60_000);

  it("demo loads the demo organization once; the second run says it is already present", async () => {
    const first = await cli(["demo"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Loaded "Van Dijk & De Wit Adviseurs"\. Sign in as sanne@vandijk-dewit\.example \/ \S+/);
    const second = await cli(["demo"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^Already present: "Van Dijk & De Wit Adviseurs"/);
  }, 60_000);

  it("export writes the demo organization as JSON: 50 clients, 5 members, 2 teams, no secrets", async () => {
    const file = path.join(workDir, "export.json");
    const run = await cli(["export", "--out", file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    const text = readFileSync(file, "utf8");
    demo = JSON.parse(text);
    expect(demo.organization.name).toBe("Van Dijk & De Wit Adviseurs");
    expect(demo.clients).toHaveLength(50);
    expect(new Set(demo.clients.map((c) => c.id)).size).toBe(50);
    expect(demo.contacts.length).toBeGreaterThan(0);
    expect(demo.members).toHaveLength(5);
    expect(demo.members.map((m) => m.role).sort()).toEqual(["admin", "advisor", "advisor", "frontdesk", "lead"]);
    expect(demo.members.find((m) => m.role === "admin")?.email).toBe(DEMO_ADMIN);
    expect(demo.teams).toHaveLength(2);
    expect(text).not.toMatch(/"(password|token|token_hash)"/i);
  }, 60_000);

  it("commitments add | list | done: record a promise, see it, keep it", async () => {
    const advisor = demo.members.find((m) => m.role === "advisor");
    const client = demo.clients.find((c) => c.name.startsWith("Bakkerij")) ?? demo.clients[0];
    if (!client) throw new Error("the demo has clients");
    const added = await cli([
      "commitments",
      "add",
      "--as",
      DEMO_ADMIN,
      "--org",
      demo.organization.slug,
      "--client",
      client.name,
      "--title",
      "Send the signed engagement letter",
      "--done-when",
      "The client has the PDF",
      "--owner",
      advisor?.email ?? "",
      "--in",
      "2 working days",
      "--source",
      "call",
      "--json",
    ]);
    expect(added.code, added.stderr).toBe(0);
    const created = JSON.parse(added.stdout);
    expect(created).toMatchObject({
      clientId: client.id,
      status: "open",
      owner: { id: advisor?.id },
      title: "Send the signed engagement letter",
    });
    expect(Date.parse(created.dueAt)).toBeGreaterThan(Date.now());

    const listed = await cli(["commitments", "list", "--as", advisor?.email ?? "", "--org", demo.organization.slug]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(created.id);
    expect(listed.stdout).toContain("Send the signed engagement letter");

    const done = await cli(["commitments", "done", created.id, "--as", advisor?.email ?? "", "--org", demo.organization.slug]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^Kept on time: /);
    const again = await cli(["commitments", "done", created.id, "--as", advisor?.email ?? "", "--org", demo.organization.slug]);
    expectFailure(again, "already closed");
    const after = await cli([
      "commitments",
      "list",
      "--as",
      advisor?.email ?? "",
      "--org",
      demo.organization.slug,
      "--status",
      "kept",
      "--json",
    ]);
    expect(JSON.parse(after.stdout).map((c: { id: string }) => c.id)).toContain(created.id);
  }, 60_000);

  it("commitments refuses unclear input with a clear message and records nothing", async () => {
    const base = ["commitments", "add", "--as", DEMO_ADMIN, "--org", demo.organization.slug, "--title", "x", "--done-when", "y"];
    // One after the other: the embedded database serves one process at a time.
    const noOne = await cli(["commitments", "list", "--org", demo.organization.slug], { env: { TRUSTLEDGER_AS: "" } });
    const unknownClient = await cli([...base, "--client", "No Such Client Anywhere", "--in", "2 working days"]);
    const badDuration = await cli([...base, "--client", demo.clients[0]?.id ?? "", "--in", "soon"]);
    const pastDue = await cli([...base, "--client", demo.clients[0]?.id ?? "", "--due", "2020-01-01T10:00:00+01:00"]);
    expectFailure(noOne, "--as");
    expectFailure(unknownClient, "no client matches");
    expectFailure(badDuration, "working hours");
    expectFailure(pastDue, "already passed");
  }, 60_000);

  it("evidence backfill | trust show | at-risk: the trust ledger from the command line", async () => {
    const org = ["--org", demo.organization.slug];
    const backfill = await cli(["evidence", "backfill", "--as", DEMO_ADMIN, ...org, "--json"]);
    expect(backfill.code, backfill.stderr).toBe(0);
    const result = JSON.parse(backfill.stdout);
    expect(result.evidenceRows).toBeGreaterThan(0);
    expect(result.factsPublished).toBe(0);
    const show = await cli(["trust", "show", demo.clients[0]?.name ?? "", "--as", DEMO_ADMIN, ...org, "--json"]);
    expect(show.code, show.stderr).toBe(0);
    const ledger = JSON.parse(show.stdout);
    expect(Object.keys(ledger.cores).sort()).toEqual(["capabilities", "integrity", "intent", "results"]);
    expect(ledger.cores.integrity.score).toBeGreaterThan(0);
    const text = await cli(["trust", "show", demo.clients[0]?.id ?? "", "--as", DEMO_ADMIN, ...org]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^integrity\s+\d+\.\d%/m);
    const atRisk = await cli(["at-risk", "--as", DEMO_ADMIN, ...org, "--json"]);
    expect(atRisk.code, atRisk.stderr).toBe(0);
    expect(Array.isArray(JSON.parse(atRisk.stdout))).toBe(true);
    const advisor = demo.members.find((member) => member.role === "advisor");
    expectFailure(await cli(["evidence", "backfill", "--as", advisor?.email ?? "", ...org]), "administrator");
  }, 120_000);

  it("user create --new-org makes a new organization with the user as its administrator", async () => {
    const run = await cli([
      "user",
      "create",
      "--email",
      "  Eigenaar@Nieuw-Kantoor.example ",
      "--name",
      "Eva Eigenaar",
      "--password",
      "een goed wachtwoord",
      "--new-org",
      "Nieuw Kantoor",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const created = JSON.parse(run.stdout);
    expect(created).toEqual({ userId: expect.any(String), email: "eigenaar@nieuw-kantoor.example", organizationId: expect.any(String) });
    expect(created.organizationId).not.toBe(demo.organization.id);
    const exported = await exportOrg(created.organizationId);
    expect(exported.organization.name).toBe("Nieuw Kantoor");
    expect(exported.members).toEqual([
      expect.objectContaining({ id: created.userId, email: created.email, name: "Eva Eigenaar", role: "admin" }),
    ]);
    expect(exported.clients).toEqual([]);
  }, 60_000);

  it("user create --org <slug> --role lead adds the user to that organization (password from standard input)", async () => {
    const run = await cli(
      [
        "user",
        "create",
        "--email",
        "nieuwe.lead@vandijk-dewit.example",
        "--name",
        "Nina Lead",
        "--password",
        "-",
        "--org",
        demo.organization.slug,
        "--role",
        "lead",
      ],
      { input: "wachtwoord van stdin\n" },
    );
    expect(run.code, run.stderr).toBe(0);
    const created = JSON.parse(run.stdout);
    expect(created.organizationId).toBe(demo.organization.id);
    const exported = await exportOrg(demo.organization.slug);
    expect(exported.members).toHaveLength(6);
    expect(exported.members.find((m) => m.id === created.userId)).toMatchObject({ name: "Nina Lead", role: "lead" });
    expect(exported.clients).toHaveLength(50);
  }, 60_000);

  it("export refuses to guess when there are several organizations", async () => {
    const run = await cli(["export"]);
    expectFailure(run, "choose one with --org");
    expect(run.stderr).toContain(demo.organization.slug);
  }, 60_000);

  it("refuses bad arguments before touching the database, with a clear message", async () => {
    const [missingEmail, badRole, unknownCommand, badConfig, badSecret] = await Promise.all([
      cli(["user", "create", "--name", "X", "--password", "long enough", "--new-org", "X"]),
      cli(["user", "create", "--email", "x@example.test", "--name", "X", "--password", "long enough", "--new-org", "X", "--role", "owner"]),
      cli(["frobnicate", "--now"]),
      cli(["migrate"], { env: { DATABASE_URL: "mysql://localhost/db" } }),
      cli(["migrate"], { env: { TRUSTLEDGER_SECRET: "too short" } }),
    ]);
    expectFailure(missingEmail, "required option '--email <email>' not specified");
    expectFailure(badRole, "must be one of admin, lead, advisor, frontdesk");
    expectFailure(unknownCommand, /error: (unknown (command|option)|too many arguments)/);
    expectFailure(badConfig, /Invalid configuration:[\s\S]*DATABASE_URL must start with postgres:\/\//);
    expectFailure(badSecret, "TRUSTLEDGER_SECRET must be at least 32 characters");
  }, 60_000);

  it("refuses bad user-create requests with a clear message and creates no one", async () => {
    expectFailure(
      await cli([
        "user",
        "create",
        "--email",
        "twee@example.test",
        "--name",
        "X",
        "--password",
        "long enough",
        "--org",
        "a",
        "--new-org",
        "b",
      ]),
      "give exactly one of --org or --new-org",
    );
    expectFailure(
      await cli(["user", "create", "--email", "wees@example.test", "--name", "X", "--password", "long enough", "--org", "no-such-org"]),
      "Organization not found.",
    );
    expectFailure(
      await cli(["user", "create", "--email", DEMO_ADMIN.toUpperCase(), "--name", "X", "--password", "long enough", "--new-org", "Dubbel"]),
      "An account with this e-mail address already exists.",
    );
    expectFailure(
      await cli(["user", "create", "--email", "kort@example.test", "--name", "X", "--password", "kort", "--new-org", "Kort"]),
      "The password must be between 8 and 128 characters.",
    );
    expectFailure(
      await cli(["user", "create", "--email", "kort@example.test", "--name", "X", "--password", "password", "--new-org", "Kort"]),
      "This password is too common or has appeared in data breaches.",
    );
    // None of the refused attempts left a user behind: the address is still free.
    const retry = await cli([
      "user",
      "create",
      "--email",
      "wees@example.test",
      "--name",
      "Wees",
      "--password",
      "long enough",
      "--org",
      demo.organization.id,
    ]);
    expect(retry.code, retry.stderr).toBe(0);
  }, 90_000);

  it("refuses an invalid e-mail address and a blank organization name with a clear message, creating nothing", async () => {
    const badEmail = await cli([
      "user",
      "create",
      "--email",
      "not-an-email",
      "--name",
      "X",
      "--password",
      "long enough",
      "--new-org",
      "Kantoor",
    ]);
    expectFailure(badEmail, /^Error: .*mail/im);
    expect(badEmail.stderr).not.toMatch(/InternalAPIError|VALIDATION_ERROR|\{/);
    const blankOrg = await cli([
      "user",
      "create",
      "--email",
      "blanco@example.test",
      "--name",
      "X",
      "--password",
      "long enough",
      "--new-org",
      "   ",
    ]);
    expectFailure(blankOrg, /^Error: /m);
    const blankName = await cli([
      "user",
      "create",
      "--email",
      "naamloos@example.test",
      "--name",
      " ",
      "--password",
      "long enough",
      "--new-org",
      "Naamloos",
    ]);
    expectFailure(blankName, /^Error: /m);
  }, 60_000);

  it("restore puts a backup of the embedded database in place, keeping the one it replaces", async () => {
    // A backup as the app writes one: the embedded database dumped with gzip.
    const source = await openDatabase({ kind: "embedded" });
    await migrateToLatest(source.db);
    await sql`insert into "organization" (id, name, slug, "createdAt") values ('org-r', 'Teruggezet BV', 'teruggezet', now())`.execute(
      source.db,
    );
    const file = path.join(workDir, "before-test.tar.gz");
    if (!source.pglite) throw new Error("an embedded database has its PGlite");
    writeFileSync(file, Buffer.from(await (await source.pglite.dumpDataDir("gzip")).arrayBuffer()));
    await source.close();

    const embedded = { DATABASE_URL: "", TRUSTLEDGER_DATA_DIR: path.join(workDir, "restore-here") };
    expect((await cli(["migrate"], { env: embedded })).code).toBe(0); // something to replace
    const run = await cli(["restore", file], { env: embedded });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Restored .+before-test\.tar\.gz into .+restore-here\/pglite\. The database that was there is kept in .+pglite-replaced-/,
    );
    const exported = await cli(["export", "--org", "teruggezet"], { env: embedded });
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout).organization.name).toBe("Teruggezet BV");
  }, 60_000);

  it("restore refuses a missing file, and refuses to touch PostgreSQL", async () => {
    expectFailure(await cli(["restore", path.join(workDir, "nope.tar.gz")], { env: { DATABASE_URL: "" } }), "no such file");
    expectFailure(
      await cli(["restore", path.join(workDir, "nope.tar.gz")], { env: { DATABASE_URL: "postgres://127.0.0.1:1/none" } }),
      "restore PostgreSQL with its own tools",
    );
  });
});
