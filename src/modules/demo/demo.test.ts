import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieFrom, createTestApp } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { createCursorCodec } from "../../shared/cursor.ts";
import * as demo from "./demo.usecases.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-data.ts";

let app: App;
let cookie: string;

beforeAll(async () => {
  app = await createTestApp();
  const deps = { db: app.database.db, clock: app.clock, auth: app.auth, cursor: createCursorCodec("demo-test-secret-demo-test-secret") };
  expect((await demo.loadDemo(deps)).created).toBe(true);
  expect((await demo.loadDemo(deps)).created).toBe(false);
  const signedIn = await app.server.inject({
    method: "POST",
    url: "/api/v1/session",
    payload: { email: DEMO_USERS[0].email, password: DEMO_PASSWORD },
  });
  cookie = cookieFrom(signedIn.headers["set-cookie"]);
  // Loading the whole demo (users with hashed passwords, fifty clients, twelve weeks of promises) takes a while on a busy machine.
}, 180_000);
afterAll(() => app.close());

const get = (url: string) => app.server.inject({ method: "GET", url, headers: { cookie } }).then((r) => r.json());

describe("the demo organization's promises", () => {
  it("gives the administrator a lived-in My day: something overdue, due today and callbacks waiting", async () => {
    const day = await get("/api/v1/my-day");
    expect(day.overdue.length).toBeGreaterThan(0);
    expect(day.dueToday.length + day.dueThisWeek.length).toBeGreaterThan(0);
    expect(day.waitingCallbacks.length).toBeGreaterThan(0);
  });

  it("has twelve weeks of history: mostly kept on time, some late, renegotiated or not kept", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    const figures = await get(`/api/v1/reliability?from=${from}&to=${today}&groupBy=owner`);
    expect(figures.total.kept).toBeGreaterThan(30);
    expect(figures.total.keptLate + figures.total.broken).toBeGreaterThan(0);
    expect(figures.total.keptOnTimeRate).toBeGreaterThan(0.6);
    expect(figures.total.keptOnTimeRate).toBeLessThan(1);
    expect(figures.groups.length).toBeGreaterThanOrEqual(3);
    expect(figures.trend.length).toBeGreaterThanOrEqual(10);
  });
});
