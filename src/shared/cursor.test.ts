import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "./app-error.ts";
import { createCursorCodec } from "./cursor.ts";

const secret = "cursor-test-secret-that-is-long-enough";
const codec = createCursorCodec(secret);

function expectInvalid(cursor: string, expectedLength = 2) {
  let thrown: unknown;
  try {
    codec.decode(cursor, expectedLength);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `cursor ${JSON.stringify(cursor)}`).toBeInstanceOf(AppError);
  expect(thrown).toMatchObject({ code: "request.invalid_cursor", status: 400 });
}

/** Signs a payload the way a holder of the secret would: to reach the checks after the signature. */
function signedWithSecret(values: unknown): string {
  const payload = Buffer.from(JSON.stringify(values)).toString("base64url");
  const signature = createHmac("sha256", `cursor:${secret}`).update(payload).digest("base64url").slice(0, 22);
  return `${payload}.${signature}`;
}

describe("cursor codec", () => {
  it.each<[(string | number)[]]>([
    [["bakkerij jansen", "7b0b4c55-3f0e-4d55-9a5b-6c1b0c0f9d11"]],
    [["", ""]],
    [['Ézé ☃ 😀 "quotes" and . dots .', "x"]],
    [[0, -1.5]],
    [["a".repeat(300), 12345678901]],
    [["one"]],
    [[]],
  ])("round-trips %j", (values) => {
    const cursor = codec.encode(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(codec.decode(cursor, values.length)).toEqual(values);
  });

  it("is URL-safe without escaping", () => {
    const cursor = codec.encode(["?&=/+ #%", "ü"]);
    expect(encodeURIComponent(cursor)).toBe(cursor);
  });

  it("refuses a tampered payload", () => {
    const cursor = codec.encode(["bakker", "00000000-0000-4000-8000-000000000001"]);
    const [, signature] = cursor.split(".");
    const forged = Buffer.from(JSON.stringify(["zzz", "00000000-0000-4000-8000-000000000001"])).toString("base64url");
    expectInvalid(`${forged}.${signature}`);
    // One character changed in the payload.
    const [payload] = cursor.split(".") as [string];
    const flipped = (payload[3] === "A" ? "B" : "A") + payload.slice(4);
    expectInvalid(`${payload.slice(0, 3)}${flipped}.${signature}`);
  });

  it("refuses a tampered or truncated signature", () => {
    const cursor = codec.encode(["bakker", "id"]);
    const [payload, signature = ""] = cursor.split(".");
    const last = signature.at(-1) === "A" ? "B" : "A";
    expectInvalid(`${payload}.${signature.slice(0, -1)}${last}`);
    expectInvalid(`${payload}.${signature.slice(0, -1)}`);
    expectInvalid(`${payload}.${signature}A`);
    expectInvalid(`${payload}.`);
  });

  it("refuses a cursor signed with another secret", () => {
    expectInvalid(createCursorCodec("another-secret-that-is-long-enough!").encode(["bakker", "id"]));
  });

  it("refuses a cursor with the wrong number of values", () => {
    expectInvalid(codec.encode(["bakker", "id", "extra"]), 2);
    expectInvalid(codec.encode(["bakker"]), 2);
    expectInvalid(codec.encode([]), 2);
  });

  it.each(["", ".", "..", "abc", "abc.", ".abc", "a.b.c", "%%%.%%%", "null", "[1,2]", "x".repeat(5000), "🙂.🙂"])(
    "refuses garbage %j",
    (garbage) => {
      expectInvalid(garbage);
    },
  );

  it("refuses a correctly signed payload that is not a list of strings and numbers", () => {
    expectInvalid(signedWithSecret({ a: 1, b: 2 }));
    expectInvalid(signedWithSecret([null, "x"]));
    expectInvalid(signedWithSecret([{}, []]));
    expectInvalid(signedWithSecret([true, "x"]));
    // Signed but not JSON at all.
    const payload = Buffer.from("not json").toString("base64url");
    const signature = createHmac("sha256", `cursor:${secret}`).update(payload).digest("base64url").slice(0, 22);
    expectInvalid(`${payload}.${signature}`);
    // The helper signs exactly like the codec: a well-formed value passes.
    expect(codec.decode(signedWithSecret(["a", 1]), 2)).toEqual(["a", 1]);
  });
});
