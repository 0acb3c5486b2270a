import { describe, expect, it } from "vitest";
import { importsOf, violations } from "./dependency-rules.ts";

const check = (from: string, source: string) => violations(importsOf(from, source)).map((v) => v.rule.name);

describe("dependency rule", () => {
  it.each([
    ["src/core/roles.ts", 'import { x } from "../shared/ids.ts";', []],
    ["src/core/roles.ts", 'import { db } from "../db/connection.ts";', ["core-is-pure"]],
    ["src/core/roles.ts", 'import { readFileSync } from "node:fs";', ["core-is-pure"]],
    ["src/core/roles.ts", 'import type { Kysely } from "kysely";', []],
    ["src/core/dates.ts", 'import * as chrono from "chrono-node";', []],
    ["src/shared/ids.ts", 'import { Role } from "../core/roles.ts";', ["shared-is-not-domain"]],
    ["src/modules/clients/clients.usecases.ts", 'import * as o from "../organizations/organizations.usecases.ts";', []],
    [
      "src/modules/clients/clients.usecases.ts",
      'import * as o from "../organizations/organizations.repository.ts";',
      ["no-other-modules-internals"],
    ],
    ["src/modules/clients/clients.usecases.ts", 'import * as r from "./clients.repository.ts";', []],
    [
      "src/modules/clients/clients.usecases.ts",
      'import { createHttpServer } from "../../http/server.ts";',
      ["modules-do-not-import-shells"],
    ],
    [
      "src/modules/notifications/notifications.usecases.ts",
      'import { startJobs } from "../../jobs/runner.ts";',
      ["modules-do-not-import-shells"],
    ],
    ["src/jobs/runner.ts", 'import * as n from "../modules/notifications/notifications.usecases.ts";', []],
    ["web/src/api/client.ts", 'import type { Client } from "../../../src/modules/clients/clients.schemas.ts";', []],
    [
      "web/src/api/client.ts",
      'import { listClients } from "../../../src/modules/clients/clients.usecases.ts";',
      ["web-sees-only-schemas-and-core"],
    ],
    ["src/cli/main.ts", 'const m = await import("../modules/demo/demo.usecases.ts");', []],
  ])("%s: %s", (from, source, expected) => {
    expect(check(from, source)).toEqual(expected);
  });

  it("resolves multi-line imports", () => {
    const source = 'import {\n  a,\n  b,\n} from "../db/schema.ts";';
    expect(importsOf("src/core/x.ts", source)).toEqual([{ from: "src/core/x.ts", to: "src/db/schema.ts", typeOnly: false }]);
  });
});
