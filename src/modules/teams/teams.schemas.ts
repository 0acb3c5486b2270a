import { z } from "zod";
import { personName, userId, uuid } from "../../shared/fields.ts";

export const teamSchema = z.object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()) }).meta({ id: "Team" });
export type Team = z.infer<typeof teamSchema>;
export const teamListSchema = z.object({ items: z.array(teamSchema) }).meta({ id: "TeamList" });
export const teamBody = z.strictObject({ name: personName }).meta({ id: "TeamName" });
export const teamParams = z.strictObject({ id: uuid });
export const teamMembersBody = z
  .strictObject({ userIds: z.array(userId).max(500) })
  .meta({ id: "TeamMembers", description: "The complete list of members; replaces the previous list." });
