import http from "node:http";

/**
 * An open-loop load generator: requests go out at evenly spaced times
 * (1/rate apart) whether or not earlier ones were answered, each on its own
 * (a keep-alive agent with plenty of sockets), and every latency is measured
 * from the time the request was *scheduled*, not from when it finally went
 * out. A server that falls behind therefore shows its queue in the figures
 * instead of slowing the generator down (no coordinated omission).
 *
 * Unlike autocannon -R (each connection's share of a second sent in a burst,
 * and synthetic samples added for the omission), the p99 here is the p99 of
 * the requests actually sent at a steady rate.
 *
 * The generator reports its own lag: how many requests started more than
 * 1 ms after their scheduled time. Many late starts mean the generator (or
 * the machine it shares) was a bottleneck; their latency still counts from
 * the schedule, so lag makes figures worse, never better. It waits with
 * timers, never busy: spinning for sub-millisecond precision costs close to
 * a millisecond of CPU per request, taken from the server being measured on a
 * small machine. Timers wake in whole milliseconds, so a request starts up to
 * about 1 ms after its time (never before it).
 */

export type OpenLoopRequest = {
  /** Absolute http:// URL. */
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
};

export type OpenLoopOptions = {
  /** The request to send, or one per index (e.g. rotating search terms). */
  request: OpenLoopRequest | ((index: number) => OpenLoopRequest);
  /** Offered rate, requests per second. */
  rate: number;
  /** Measured seconds (after the warm-up). */
  seconds: number;
  /** Seconds at the same rate before measuring; their samples are left out. */
  warmUpSeconds?: number;
  /** A request without an answer after this long counts as an error (its latency as the time waited). */
  timeoutMs?: number;
  /** Sockets the keep-alive agent may open. */
  maxSockets?: number;
};

export type OpenLoopResult = {
  rate: number;
  seconds: number;
  /** Requests scheduled in the measured window (rate × seconds). */
  scheduled: number;
  /** Answers of any status for them. */
  completed: number;
  /** Network errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Latency from the scheduled send time to the end of the answer, ms. */
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Answers (of any request) that ended within the measured window, per second. */
  achievedRate: number;
  /** Requests that started more than 1 ms after their scheduled time. */
  late: number;
  /** Median and largest start delay behind the schedule, ms. */
  medianLagMs: number;
  maxLagMs: number;
  /** CPU time the generator's own process used per measured request, ms. */
  generatorCpuMsPerRequest: number;
};

/** When the i-th request is due, in ms after the start: evenly spaced, 1/rate apart. */
export function scheduledOffset(index: number, rate: number): number {
  if (!(rate > 0)) throw new Error(`rate must be above 0, got ${rate}`);
  return (index * 1000) / rate;
}

/** How many requests a phase of `seconds` at `rate` schedules. */
export const requestsIn = (seconds: number, rate: number): number => Math.round(seconds * rate);

/**
 * Nearest-rank percentile of an ascending list: the smallest value with at
 * least p % of the values at or below it (0 for an empty list).
 */
export function percentile(sortedAscending: ArrayLike<number>, p: number): number {
  const n = sortedAscending.length;
  if (n === 0) return 0;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sortedAscending[rank - 1] as number;
}

export type Sample = {
  /** Scheduled send time, ms (performance.now scale). */
  scheduledAt: number;
  /** When the request actually started. */
  startedAt: number;
  /** When its answer ended (or it failed). */
  endedAt: number;
  /** HTTP status, or 0 for a network error or timeout. */
  status: number;
};

/** The figures of the measured samples; `window` is [start, end) of the measured phase for the achieved rate. */
export function summarize(
  samples: readonly Sample[],
  options: { rate: number; seconds: number; window: [number, number]; endings?: readonly number[] },
): Omit<OpenLoopResult, "generatorCpuMsPerRequest"> {
  const latencies = Float64Array.from(samples, (sample) => sample.endedAt - sample.scheduledAt).sort();
  const [from, to] = options.window;
  const endings = options.endings ?? samples.map((sample) => sample.endedAt);
  const inWindow = endings.filter((end) => end >= from && end < to).length;
  let total = 0;
  for (const latency of latencies) total += latency;
  const lags = samples.map((sample) => sample.startedAt - sample.scheduledAt).sort((a, b) => a - b);
  return {
    rate: options.rate,
    seconds: options.seconds,
    scheduled: samples.length,
    completed: samples.filter((sample) => sample.status > 0).length,
    errors: samples.filter((sample) => sample.status === 0).length,
    non2xx: samples.filter((sample) => sample.status > 0 && (sample.status < 200 || sample.status > 299)).length,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.length ? (latencies[latencies.length - 1] as number) : 0,
    mean: latencies.length ? total / latencies.length : 0,
    achievedRate: inWindow / ((to - from) / 1000),
    late: lags.filter((lag) => lag > 1).length,
    medianLagMs: percentile(lags, 50),
    maxLagMs: lags.reduce((max, lag) => Math.max(max, lag), 0),
  };
}

function send(agent: http.Agent, request: OpenLoopRequest, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number) => {
      if (settled) return;
      settled = true;
      resolve(status);
    };
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers["content-length"] = Buffer.byteLength(request.body);
    const req = http.request(request.url, { method: request.method ?? "GET", headers, agent }, (response) => {
      response.on("data", () => {});
      response.on("end", () => done(response.statusCode ?? 0));
      response.on("error", () => done(0));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy(new Error("timeout"));
      done(0);
    });
    req.on("error", () => done(0));
    req.end(request.body);
  });
}

/** Sends requests at `rate` per second for warm-up plus `seconds`, and reports the measured part. */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { rate, seconds } = options;
  const warmUp = requestsIn(options.warmUpSeconds ?? 0, rate);
  const measured = requestsIn(seconds, rate);
  const total = warmUp + measured;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 512 });
  const requestOf = typeof options.request === "function" ? options.request : () => options.request as OpenLoopRequest;
  const samples: Sample[] = [];
  const endings: number[] = [];
  const pending: Promise<void>[] = [];
  let cpuAtWindow: NodeJS.CpuUsage | undefined;
  // A little ahead, so the first request's schedule is not already behind.
  const start = performance.now() + 5;
  const due = (index: number) => start + scheduledOffset(index, rate);
  const windowStart = due(warmUp);
  const windowEnd = due(total);

  const fire = (index: number) => {
    const scheduledAt = due(index);
    const startedAt = performance.now();
    if (index === warmUp) cpuAtWindow = process.cpuUsage();
    pending.push(
      send(agent, requestOf(index), timeoutMs).then((status) => {
        const endedAt = performance.now();
        endings.push(endedAt);
        if (index >= warmUp) samples.push({ scheduledAt, startedAt, endedAt, status });
      }),
    );
  };

  await new Promise<void>((resolve) => {
    let next = 0;
    const pump = () => {
      // Everything due goes out now, however late: the schedule never slips.
      while (next < total && due(next) <= performance.now()) fire(next++);
      if (next >= total) return resolve();
      const wait = due(next) - performance.now();
      // Timers wake in whole milliseconds: round up, so nothing goes out before its time.
      setTimeout(pump, Math.max(1, Math.ceil(wait)));
    };
    pump();
  });
  await Promise.all(pending);
  const cpu = process.cpuUsage(cpuAtWindow);
  agent.destroy();
  samples.sort((a, b) => a.scheduledAt - b.scheduledAt);
  const summary = summarize(samples, { rate, seconds, window: [windowStart, windowEnd], endings });
  return { ...summary, generatorCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, measured) };
}
