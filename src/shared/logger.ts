import pino, { type Logger } from "pino";

export type { Logger };

/** The server logs to standard output; the CLI logs to standard error, so its own output (an export's JSON) stays clean. */
export function createLogger(level: string, stream: "stdout" | "stderr" = "stdout"): Logger {
  const options = {
    level,
    redact: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.token"],
  };
  return stream === "stderr" ? pino(options, pino.destination(2)) : pino(options);
}
