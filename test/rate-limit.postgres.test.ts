import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { signup, startTwoInstances } from "./helpers/test-app.ts";

/**
 * Two app instances on one PostgreSQL database, as behind a load balancer:
 * sign-in attempts spread over both count against one limit, not one each.
 * (PostgreSQL run only; see vitest.config.ts.)
 */
const cleanups: (() => Promise<void> | void)[] = [];
let one: App;
let two: App;

beforeAll(async () => {
  [one, two] = await startTwoInstances(cleanups);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const signin = (app: App, email: string, password: string) =>
  app.server.inject({ method: "POST", url: "/api/v1/session", remoteAddress: "198.51.100.9", payload: { email, password } });

describe("the sign-in limit with two app instances on one database", () => {
  it("counts attempts on either instance together: the 11th is refused by both", async () => {
    const target = await signup(one, { password: "correct horse battery" });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      statuses.push((await signin(attempt % 2 === 0 ? one : two, target.me.email, "wrong password")).statusCode);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    expect((await signin(one, target.me.email, "correct horse battery")).statusCode).toBe(429);
    expect((await signin(two, target.me.email, "correct horse battery")).statusCode).toBe(429);
  });
});
