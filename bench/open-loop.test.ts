import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { percentile, requestsIn, runOpenLoop, type Sample, scheduledOffset, summarize } from "./open-loop.ts";

describe("the schedule", () => {
  it("spaces requests evenly, 1/rate apart, from the start", () => {
    expect([0, 1, 2, 3].map((i) => scheduledOffset(i, 200))).toEqual([0, 5, 10, 15]);
    expect(scheduledOffset(200, 200)).toBe(1000);
    expect(scheduledOffset(3, 3)).toBe(1000);
    expect(requestsIn(20, 200)).toBe(4000);
    expect(requestsIn(0.25, 200)).toBe(50);
  });

  it("refuses a rate that schedules nothing", () => {
    expect(() => scheduledOffset(1, 0)).toThrow(/rate/);
    expect(() => scheduledOffset(1, Number.NaN)).toThrow(/rate/);
  });
});

describe("percentiles", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it("take the nearest rank", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 99.9)).toBe(100);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3], 50)).toBe(2);
  });

  it("of one value is that value, of none 0", () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBe(0);
  });

  it("with one slow request in a hundred: p99 is not the slow one, max is", () => {
    const latencies = [...Array.from({ length: 99 }, () => 2), 500];
    expect(percentile(latencies, 99)).toBe(2);
    expect(percentile(latencies, 100)).toBe(500);
  });
});

describe("summarize", () => {
  const sample = (scheduledAt: number, startedAt: number, endedAt: number, status = 200): Sample => ({
    scheduledAt,
    startedAt,
    endedAt,
    status,
  });

  it("measures latency from the scheduled time, so a late start counts against the figure", () => {
    const result = summarize([sample(0, 0, 3), sample(5, 25, 27)], { rate: 200, seconds: 0.01, window: [0, 10] });
    // The second request started 20 ms late and took 2 ms: 22 ms as the client saw it.
    expect(result.max).toBe(22);
    expect(result.p50).toBe(3);
    expect(result.late).toBe(1);
    expect(result.maxLagMs).toBe(20);
    expect(result.medianLagMs).toBe(0);
  });

  it("counts errors, non-2xx answers and answers in the window", () => {
    const result = summarize([sample(0, 0, 1), sample(5, 5, 6, 503), sample(10, 10, 40, 0), sample(15, 15, 1015)], {
      rate: 200,
      seconds: 1,
      window: [0, 1000],
    });
    expect(result).toMatchObject({ scheduled: 4, completed: 3, errors: 1, non2xx: 1, late: 0 });
    // Three ended within the 1 s window (the last one ended after it).
    expect(result.achievedRate).toBe(3);
    expect(result.mean).toBeCloseTo((1 + 1 + 30 + 1000) / 4, 10);
  });
});

describe("against a local server", () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });
  const listen = async (handler: http.RequestListener) => {
    server = http.createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it("sends exactly rate × seconds measured requests after the warm-up, each once", async () => {
    const seen: string[] = [];
    const url = await listen((request, response) => {
      seen.push(request.url ?? "");
      response.end("ok");
    });
    const result = await runOpenLoop({
      request: (i) => ({ url: `${url}/item/${i}` }),
      rate: 200,
      seconds: 0.25,
      warmUpSeconds: 0.1,
    });
    expect(result).toMatchObject({ scheduled: 50, completed: 50, errors: 0, non2xx: 0 });
    expect(seen).toHaveLength(70);
    expect(new Set(seen).size).toBe(70);
    expect(result.p99).toBeGreaterThan(0);
    expect(result.p50).toBeLessThanOrEqual(result.p99);
    expect(result.p99).toBeLessThanOrEqual(result.max);
  });

  it("keeps sending while answers are held back, and counts the wait from the schedule", async () => {
    // The server answers nothing until ten requests have arrived: a closed-loop client would wait forever
    // on the first. The first request is scheduled at 0 and the tenth at 90 ms (100 per second), so the
    // first answer cannot come before 90 ms after the first request was due.
    const held: http.ServerResponse[] = [];
    const url = await listen((_request, response) => {
      held.push(response);
      if (held.length === 10) for (const waiting of held) waiting.end("ok");
      else if (held.length > 10) response.end("ok");
    });
    const result = await runOpenLoop({ request: { url }, rate: 100, seconds: 0.1 });
    expect(result).toMatchObject({ scheduled: 10, completed: 10, errors: 0 });
    expect(result.max).toBeGreaterThanOrEqual(90);
  });

  it("counts a request left unanswered as an error, with the time it waited", async () => {
    const url = await listen(() => {});
    const result = await runOpenLoop({ request: { url }, rate: 100, seconds: 0.02, timeoutMs: 50 });
    expect(result).toMatchObject({ scheduled: 2, completed: 0, errors: 2 });
    expect(result.max).toBeGreaterThanOrEqual(50);
  });
});
