import { describe, expect, it } from "vitest";
import { canArchiveClients, canEditClients, canExportOrganization, canManageMembers, isRole, ROLES, type Role } from "./roles.ts";

describe("roles", () => {
  it("has exactly the four roles of the product", () => {
    expect([...ROLES].sort()).toEqual(["admin", "advisor", "frontdesk", "lead"]);
  });

  it.each([
    ["admin", true],
    ["lead", true],
    ["advisor", true],
    ["frontdesk", true],
    ["Admin", false],
    ["ADMIN", false],
    [" admin", false],
    ["owner", false],
    ["member", false],
    ["", false],
    ["admin,lead", false],
  ])("isRole(%j) is %s", (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });

  // What each role may do: one row per role, one column per rule.
  const table: Record<Role, { manageMembers: boolean; editClients: boolean; archiveClients: boolean; exportOrganization: boolean }> = {
    admin: { manageMembers: true, editClients: true, archiveClients: true, exportOrganization: true },
    lead: { manageMembers: false, editClients: true, archiveClients: true, exportOrganization: false },
    advisor: { manageMembers: false, editClients: true, archiveClients: true, exportOrganization: false },
    frontdesk: { manageMembers: false, editClients: true, archiveClients: false, exportOrganization: false },
  };

  it.each(ROLES.map((role) => [role, table[role]] as const))("%s may do exactly %j", (role, expected) => {
    expect({
      manageMembers: canManageMembers(role),
      editClients: canEditClients(role),
      archiveClients: canArchiveClients(role),
      exportOrganization: canExportOrganization(role),
    }).toEqual(expected);
  });

  it("keeps member management and export to administrators only", () => {
    expect(ROLES.filter(canManageMembers)).toEqual(["admin"]);
    expect(ROLES.filter(canExportOrganization)).toEqual(["admin"]);
  });
});
