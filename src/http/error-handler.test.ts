import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkingTimeLimitError } from "../core/working-time.ts";
import { translate } from "../i18n/translate.ts";
import { installErrorHandler } from "./error-handler.ts";

/** Database refusals that no route can be made to produce on purpose, thrown by a route of a bare server. */
const app = Fastify();
installErrorHandler(app);
app.get("/refused/:state", async (request) => {
  const { state } = request.params as { state: string };
  throw Object.assign(new Error(`database said no (${state}): invalid byte sequence for encoding "UTF8": 0x00`), { code: state });
});
app.get("/too-far", async () => {
  throw new WorkingTimeLimitError();
});

beforeAll(() => app.ready());
afterAll(() => app.close());

describe("the error handler's safety net for text the database cannot store", () => {
  it.each(["22021", "22P05"])("SQLSTATE %s is the caller's invalid input: 400, translated, nothing leaked", async (state) => {
    const response = await app.inject({ method: "GET", url: `/refused/${state}`, headers: { "accept-language": "nl" } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: "request.validation_failed", message: translate("nl", "request.validation_failed", { fields: "-" }) },
    });
  });

  it("any other database error is still a 500", async () => {
    const response = await app.inject({ method: "GET", url: "/refused/42P01" });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe("internal");
  });
});

describe("a working-time search past its horizon, wherever it was started", () => {
  it.each([
    ["nl", /100 jaar/],
    ["en", /100 years/],
  ])("is a translated 400 (%s), not a 500", async (language, text) => {
    const response = await app.inject({ method: "GET", url: "/too-far", headers: { "accept-language": language } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({ code: "working_time.too_far", message: expect.stringMatching(text) });
  });
});
