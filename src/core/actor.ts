import type { Role } from "./roles.ts";

/** Who is acting: every use-case gets one and scopes all it does to `orgId`. */
export type Actor = {
  userId: string;
  orgId: string;
  role: Role;
  /** How they proved who they are: a browser session or an API token. */
  via: "session" | "token";
};
