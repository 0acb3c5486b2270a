import { z } from "zod";
import { email, personName, userId } from "../../shared/fields.ts";
import { password, roleSchema } from "../auth/auth.schemas.ts";

export const topic = z.string().trim().min(1).max(80).meta({ description: "A topic someone knows about, e.g. 'payroll tax'." });

export const memberSchema = z
  .object({
    id: z.string().meta({ description: "The user's identifier." }),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
    expertise: z.array(z.string()),
    joinedAt: z.string(),
  })
  .meta({ id: "Member" });
export type Member = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ items: z.array(memberSchema) }).meta({ id: "MemberList" });
export const memberParams = z.strictObject({ userId });
export const updateMemberBody = z.strictObject({ role: roleSchema }).meta({ id: "UpdateMember" });
export const expertiseBody = z
  .strictObject({ topics: z.array(topic).max(50) })
  .meta({ id: "Expertise", description: "The complete list of topics; replaces the previous list." });

export const expertiseQuery = z.strictObject({
  topic: z.string().trim().min(1).max(80).meta({ description: "Part of a topic, e.g. 'tax'." }),
});
export const expertiseMatchSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string(), role: roleSchema, topics: z.array(z.string()) })),
  })
  .meta({ id: "ExpertiseMatches" });

export const createInvitationBody = z.strictObject({ email, role: roleSchema }).meta({ id: "CreateInvitation" });
export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    status: z.string(),
    expiresAt: z.string(),
    /** Path of the page where the invitee accepts; the web app shows it to copy. */
    acceptPath: z.string(),
  })
  .meta({ id: "Invitation" });
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationListSchema = z.object({ items: z.array(invitationSchema) }).meta({ id: "InvitationList" });
export const invitationParams = z.strictObject({ id: z.string().min(1).max(100) });

export const publicInvitationSchema = z
  .object({ organizationName: z.string(), email: z.string(), role: roleSchema })
  .meta({ id: "PublicInvitation" });
export const acceptInvitationBody = z
  .strictObject({
    name: personName.optional().meta({ description: "Needed when the invitee has no account yet; ignored otherwise." }),
    password: password.meta({ description: "The existing account's password, or a new one (8–128 characters, not a common one)." }),
  })
  .meta({ id: "AcceptInvitation" });
