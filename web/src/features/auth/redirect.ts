/** Where to go after signing in: only a path of this app, never another site, never the sign-in page itself. */
export const safeRedirect = (value: unknown): string | undefined =>
  typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/signin") ? value : undefined;
