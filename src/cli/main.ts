import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import type { z } from "zod";
import { appVersion, createApp, migrateConfigured, openConfiguredDatabase, projectRoot } from "../app.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { isRole, ROLES, type Role } from "../core/roles.ts";
import { restoreBackup } from "../db/backup.ts";
import { ensureInstanceSecret } from "../db/instance-secret.ts";
import { issueMessage } from "../http/error-handler.ts";
import type { MessageKey } from "../i18n/messages.en.ts";
import { translate } from "../i18n/translate.ts";
import { password as passwordField } from "../modules/auth/auth.schemas.ts";
import { createAuth } from "../modules/auth/auth.ts";
import * as auth from "../modules/auth/auth.usecases.ts";
import { isCommonPassword } from "../modules/auth/password-policy.ts";
import * as demo from "../modules/demo/demo.usecases.ts";
import * as exporter from "../modules/export/export.usecases.ts";
import * as organizations from "../modules/organizations/organizations.usecases.ts";
import { AppError } from "../shared/app-error.ts";
import { systemClock } from "../shared/clock.ts";
import { createCursorCodec } from "../shared/cursor.ts";
import { email as emailField, personName } from "../shared/fields.ts";
import { createLogger } from "../shared/logger.ts";
import { registerCommitmentCommands } from "./commitments-command.ts";
import { registerSuggestCommand } from "./suggest-command.ts";
import { registerTrustCommands } from "./trust-command.ts";
import { ensureWebBuilt } from "./web-build.ts";

/**
 * `trustledger` — the same use-cases as the web app, without HTTP.
 * Configuration comes from the environment, exactly as for the server.
 */
const program = new Command().name("trustledger").description("Trustledger: keep your word to every client.").version(appVersion);

/** Opens the configured database, migrated, with what use-cases need. */
async function withServices<T>(work: (deps: Awaited<ReturnType<typeof openServices>>) => Promise<T>): Promise<T> {
  const services = await openServices();
  try {
    return await work(services);
  } finally {
    await services.database.close();
  }
}

async function openServices() {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  await migrateConfigured(config, database, systemClock);
  const secret = config.secret ?? (await ensureInstanceSecret(database.db));
  return {
    config,
    database,
    db: database.db,
    clock: systemClock,
    auth: createAuth({
      db: database.db,
      secret,
      baseUrl: config.baseUrl,
      logger: createLogger(config.logLevel, "stderr"),
    }),
    cursor: createCursorCodec(secret),
  };
}

program
  .command("serve", { isDefault: true })
  .description("Start the web app and API (migrates the database first)")
  .action(async () => {
    const startedAt = performance.now();
    const config = loadConfig();
    await ensureWebBuilt(projectRoot, (message) => console.log(message));
    const app = await createApp(config);
    const deps = {
      db: app.database.db,
      clock: app.clock,
      auth: app.auth,
      cursor: createCursorCodec(config.secret ?? (await ensureInstanceSecret(app.database.db))),
    };
    let demoLogin: demo.DemoLogin | undefined;
    if (config.loadDemo && (await demo.isEmpty(deps))) demoLogin = await demo.loadDemo(deps, { password: demo.generateDemoPassword() });

    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.logger.info({ signal }, "shutting down");
      const timer = setTimeout(() => process.exit(1), 10_000).unref();
      await app.close();
      clearTimeout(timer);
      process.exit(0);
    };
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
    process.on("SIGINT", () => void shutdown("SIGINT"));

    await app.server.listen({ port: config.port, host: config.host });
    const database = config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`;
    console.log(
      `\nTrustledger ${appVersion} is running at ${config.baseUrl} (${database}), ready in ${Math.round(performance.now() - startedAt)} ms.`,
    );
    console.log(`API description: ${config.baseUrl}/api/docs`);
    if (demoLogin) {
      console.log(`\nDemo organization "${demoLogin.organization}" loaded. Sign in as:`);
      console.log(`  e-mail:   ${demoLogin.email}`);
      console.log(`  password: ${demoLogin.password}`);
      console.log("  (the other demo users have the same password)\n");
    }
  });

program
  .command("migrate")
  .description("Bring the database schema up to date")
  .action(async () => {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    try {
      const results = await migrateConfigured(config, database, systemClock, createLogger(config.logLevel, "stderr"));
      console.log(results.length === 0 ? "The database is up to date." : results.map((r) => `${r.migrationName}: ${r.status}`).join("\n"));
    } finally {
      await database.close();
    }
  });

program
  .command("restore")
  .argument("<file>", "a backup from <data dir>/backups (before-….tar.gz)")
  .description("Put a backup of the embedded database in place (stop the app first); what was there is kept beside it")
  .action(async (file: string) => {
    const config = loadConfig();
    if (config.databaseUrl) {
      throw new InvalidArgumentError(
        "restore puts back the embedded database; with DATABASE_URL set, restore PostgreSQL with its own tools (pg_restore).",
      );
    }
    if (!existsSync(file)) throw new InvalidArgumentError(`no such file: ${file}`);
    const dataDir = path.join(config.dataDir, "pglite");
    let replaced: string | null;
    try {
      ({ replaced } = await restoreBackup(file, dataDir, systemClock.now()));
    } catch (error) {
      throw new InvalidArgumentError(`could not restore ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log(`Restored ${file} into ${dataDir}.${replaced ? ` The database that was there is kept in ${replaced}.` : ""}`);
  });

program
  .command("demo")
  .description("Load the demo organization (does nothing when it is already there)")
  .action(() =>
    withServices(async (deps) => {
      const login = await demo.loadDemo(deps, { password: demo.generateDemoPassword() });
      console.log(
        login.created
          ? `Loaded "${login.organization}". Sign in as ${login.email} / ${login.password} (the other demo users have the same password).`
          : `Already present: "${login.organization}" (sign in as ${login.email} with the password printed when it was loaded).`,
      );
    }),
  );

const parseRole = (value: string) => {
  if (!isRole(value)) throw new InvalidArgumentError(`must be one of ${ROLES.join(", ")}`);
  return value;
};

const readPassword = (value: string) => (value === "-" ? readFileSync(0, "utf8").trim() : value);

/**
 * An option checked with the API's own field rules, so the CLI creates nothing
 * the sign-up form would refuse: "--email: Enter a valid e-mail address."
 */
function validOption<T>(option: string, schema: z.ZodType<T>, value: string, message?: MessageKey): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // A failed parse always has at least one issue.
  const [issue] = result.error.issues as [z.core.$ZodIssue];
  throw new InvalidArgumentError(`${option}: ${message ? translate("en", message) : issueMessage(issue, "en")}`);
}

/** The sign-up form's rule for new passwords: none an attacker tries first. */
function notCommon(password: string, email: string): string {
  if (isCommonPassword(password, email)) throw new InvalidArgumentError(`--password: ${translate("en", "auth.common_password")}`);
  return password;
}

type UserCreateOptions = { email: string; name: string; password: string; org?: string; newOrg?: string; role: Role };

/** The user-create options, checked before the database is even opened. */
function userCreateInput(options: UserCreateOptions) {
  if (!options.org === !options.newOrg) throw new InvalidArgumentError("give exactly one of --org or --new-org");
  return {
    email: validOption("--email", emailField, options.email),
    name: validOption("--name", personName, options.name),
    password: notCommon(validOption("--password", passwordField, readPassword(options.password), "auth.weak_password"), options.email),
    newOrg: options.newOrg === undefined ? undefined : validOption("--new-org", personName, options.newOrg),
  };
}

program
  .command("user")
  .description("Manage users")
  .command("create")
  .description("Create a user in an existing organization, or with a new organization")
  .requiredOption("--email <email>", "e-mail address (the login)")
  .requiredOption("--name <name>", "full name")
  .requiredOption("--password <password>", "password (8–128 characters); '-' reads it from standard input")
  .option("--org <id-or-slug>", "existing organization to join")
  .option("--new-org <name>", "create a new organization with this user as administrator")
  .option("--role <role>", `role in the organization: ${ROLES.join(", ")}`, parseRole, "advisor")
  .action((options: UserCreateOptions) => {
    const { email, name, password, newOrg } = userCreateInput(options);
    return withServices(async (deps) => {
      let orgId: string | undefined;
      if (options.org) {
        orgId = await exporter.findOrganizationId(deps, options.org);
        if (!orgId) throw new AppError("organizations.not_found", 404);
      }
      const { id } = await auth.createUser(deps, { email, name, password });
      if (orgId) {
        await organizations.addMember(deps, orgId, id, options.role);
      } else {
        orgId = (await organizations.createOrganization(deps, { name: newOrg ?? "", ownerUserId: id })).id;
      }
      console.log(JSON.stringify({ userId: id, email, organizationId: orgId }));
    });
  });

program
  .command("export")
  .description("Write one organization's data as JSON")
  .option("--org <id-or-slug>", "the organization (needed when there are several)")
  .option("--out <file>", "write to this file instead of standard output")
  .action((options: { org?: string; out?: string }) =>
    withServices(async (deps) => {
      let orgId: string | undefined;
      if (options.org) orgId = await exporter.findOrganizationId(deps, options.org);
      else {
        const all = await exporter.listOrganizations(deps);
        if (all.length > 1) {
          throw new InvalidArgumentError(
            `there are ${all.length} organizations; choose one with --org:\n${all.map((o) => `  ${o.slug}  ${o.name}`).join("\n")}`,
          );
        }
        orgId = all[0]?.id;
      }
      if (!orgId) throw new AppError("organizations.not_found", 404);
      const json = `${JSON.stringify(await exporter.exportOrganization(deps, orgId), null, 2)}\n`;
      if (options.out) await writeFile(options.out, json);
      else process.stdout.write(json);
    }),
  );

registerCommitmentCommands(program, withServices);
registerTrustCommands(program, withServices);
registerSuggestCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError) console.error(`Error: ${translate("en", error.code, error.params)}`);
  else if (error instanceof ConfigError || error instanceof InvalidArgumentError) console.error(`Error: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
}
