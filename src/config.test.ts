import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("the demo organization's default", () => {
  it.each([
    [{}, true],
    [{ TRUSTLEDGER_DEMO: "" }, true],
    [{ TRUSTLEDGER_DEMO: "0" }, false],
    [{ DATABASE_URL: "postgres://db.example/trustledger" }, false],
    [{ DATABASE_URL: "postgres://db.example/trustledger", TRUSTLEDGER_DEMO: "1" }, true],
    [{ DATABASE_URL: "postgres://db.example/trustledger", TRUSTLEDGER_DEMO: "no" }, false],
  ])("%j → load the demo: %s", (environment, expected) => {
    expect(loadConfig(environment).loadDemo).toBe(expected);
  });

  it("refuses a value that is not a yes or no", () => {
    expect(() => loadConfig({ TRUSTLEDGER_DEMO: "maybe" })).toThrow(/TRUSTLEDGER_DEMO/);
  });
});
