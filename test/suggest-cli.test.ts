import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `trustledger suggest` as an operator runs it: a real child process, without a
 * database (it is given none: DATABASE_URL points nowhere and no data directory exists).
 */
const root = path.resolve(import.meta.dirname, "..");
const node = path.join(root, "node_modules/.bin/node");
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !["DATABASE_URL", "TRUSTLEDGER_SECRET", "TRUSTLEDGER_DATA_DIR"].includes(key)),
);

type Run = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], input = ""): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, ["bin/trustledger.js", ...args], {
      cwd: root,
      env: { ...inherited, LOG_LEVEL: "silent", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", TRUSTLEDGER_DATA_DIR: "/nonexistent" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const AT = ["--now", "2026-11-23T10:00:00+01:00", "--tz", "Europe/Amsterdam"];

describe("trustledger suggest", () => {
  it("prints the suggestions of a text as one JSON array", async () => {
    const run = await cli([
      "suggest",
      ...AT,
      "Ik stuur u vrijdag het plan van aanpak. Kunt u mij bellen? We'll call you back tomorrow before noon.",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.endsWith("\n")).toBe(true);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        text: "Ik stuur u vrijdag het plan van aanpak.",
        title: "plan van aanpak sturen",
        dueAt: "2026-11-27T17:00:00+01:00",
        dueHasTime: false,
        kind: "deliverable",
      },
      {
        text: "We'll call you back tomorrow before noon.",
        title: "call back",
        dueAt: "2026-11-24T12:00:00+01:00",
        dueHasTime: true,
        kind: "callback",
      },
    ]);
  }, 120_000);

  it("with '-' reads standard input and prints one JSON line per input line", async () => {
    const input = ["Ik bel u morgen.", "", "We sent the invoice last week.", "I will send you the draft by Friday."].join("\n");
    const run = await cli(["suggest", "--now", "2026-11-23T10:00:00+00:00", "--tz", "Europe/London", "--lang", "en", "-"], `${input}\n`);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      [], // Dutch, read as English: --lang is obeyed
      [],
      [],
      [
        {
          text: "I will send you the draft by Friday.",
          title: "send the draft",
          dueAt: "2026-11-27T17:00:00+00:00",
          dueHasTime: false,
          kind: "deliverable",
        },
      ],
    ]);
  }, 120_000);

  it("refuses a bad time zone, moment or language with a message and no output", async () => {
    const cases = [
      [["--tz", "Mars/Olympus"], '--tz: "Mars/Olympus" is not a time zone'],
      [["--now", "tomorrow"], "--now: give an ISO 8601 date and time"],
      [["--lang", "de"], "--lang: nl or en"],
    ] as const;
    const runs = await Promise.all(cases.map(([args]) => cli(["suggest", ...args, "Ik bel u morgen."])));
    runs.forEach((run, i) => {
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain(cases[i]?.[1]);
      expect(run.stdout).toBe("");
      expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    });
  }, 120_000);
});
