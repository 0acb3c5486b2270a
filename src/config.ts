import path from "node:path";
import { z } from "zod";

/**
 * Environment → typed, validated configuration. Everything has a default that
 * works on a laptop: embedded database under ./data, demo organization on its first start.
 */
const flag = (fallback: boolean) =>
  z
    .enum(["0", "1", "true", "false", "yes", "no", ""])
    .optional()
    .transform((value) => (value === undefined || value === "" ? fallback : ["1", "true", "yes"].includes(value)));

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  TRUSTLEDGER_DATA_DIR: z.string().min(1).default("./data"),
  // Default: on for the embedded database only (see loadConfig).
  TRUSTLEDGER_DEMO: z.enum(["0", "1", "true", "false", "yes", "no", ""]).optional(),
  TRUSTLEDGER_SECRET: z.string().min(32, "TRUSTLEDGER_SECRET must be at least 32 characters").optional(),
  TRUSTLEDGER_BASE_URL: z.url().optional(),
  TRUSTLEDGER_TRUST_PROXY: flag(false),
  TRUSTLEDGER_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  TRUSTLEDGER_JOBS: flag(true),
  TRUSTLEDGER_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "TRUSTLEDGER_SMTP_URL must start with smtp:// or smtps://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  TRUSTLEDGER_MAIL_FROM: z.string().trim().min(3).max(300).default("Trustledger <no-reply@localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded database is used. */
  databaseUrl: string | undefined;
  /** Where the embedded database keeps its files. */
  dataDir: string;
  loadDemo: boolean;
  /** Signs sessions and cursors; when absent one is generated and kept in the database. */
  secret: string | undefined;
  /** The address users reach the app on; https here turns on Secure cookies. */
  baseUrl: string;
  trustProxy: boolean;
  logLevel: string;
  /** How long a verified session is trusted without asking the database again (0: always ask). */
  sessionCacheMs: number;
  /** Run the background sweep (reminders, e-mail) in this process. */
  jobs: boolean;
  /** smtp(s)://user:password@host:port; when absent e-mails wait in the outbox on the System page. */
  smtpUrl: string | undefined;
  /** The sender of every e-mail. */
  mailFrom: string;
};

export class ConfigError extends Error {}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const shownHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.TRUSTLEDGER_DATA_DIR),
    // A demo organization belongs on a laptop's embedded database, not on a shared server
    // unless asked for: its users would be sign-in targets there.
    loadDemo:
      env.TRUSTLEDGER_DEMO === undefined || env.TRUSTLEDGER_DEMO === ""
        ? !env.DATABASE_URL
        : ["1", "true", "yes"].includes(env.TRUSTLEDGER_DEMO),
    secret: env.TRUSTLEDGER_SECRET,
    baseUrl: env.TRUSTLEDGER_BASE_URL ?? `http://${shownHost}:${env.PORT}`,
    trustProxy: env.TRUSTLEDGER_TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    sessionCacheMs: env.TRUSTLEDGER_SESSION_CACHE_MS,
    jobs: env.TRUSTLEDGER_JOBS,
    smtpUrl: env.TRUSTLEDGER_SMTP_URL,
    mailFrom: env.TRUSTLEDGER_MAIL_FROM,
  };
}
