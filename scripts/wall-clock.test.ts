import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mayReadWallClock, wallClockReads } from "./wall-clock.ts";

const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe("reading the wall clock", () => {
  it.each([
    ["const now = new Date();", ["new Date()"]],
    ["const now = new Date ( );", ["new Date()"]],
    ["const now = new Date;", ["new Date"]],
    ["const ms = Date.now() - started;", ["Date.now()"]],
    ["const text = Date();", ["Date()"]],
    ["const at = new Date(row.due_at);", []],
    ["const at = new Date(now.getTime() + 60_000);", []],
    ["const due: Date = deps.clock.now();", []],
    ["const parsed = parseDate(text);", []],
    ["const n = Date.parse(text);", []],
    ["  // new Date() would read the wall clock", []],
    ["   * Date.now() in a doc comment", []],
  ])("%s", (line, expected) => {
    expect(wallClockReads("src/x.ts", line).map((read) => read.what)).toEqual(expected);
  });

  it("happens in src/ only in the clock itself and the command-line shell", () => {
    const found = sourceFiles("src")
      .filter((file) => !mayReadWallClock(file))
      .flatMap((file) => wallClockReads(file, readFileSync(path.join(root, file), "utf8")))
      .map((read) => `${read.file}:${read.line} ${read.what}`);
    expect(found).toEqual([]);
  });

  it("is allowed where the clock is made and handed in, and in tests", () => {
    expect(["src/shared/clock.ts", "src/cli/main.ts", "src/modules/x/x.test.ts"].map(mayReadWallClock)).toEqual([true, true, true]);
    expect(["src/shared/ids.ts", "src/modules/commitments/commitments.usecases.ts", "src/db/backup.ts"].map(mayReadWallClock)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
