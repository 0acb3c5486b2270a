import { z } from "zod";
import { ROLES } from "../../core/roles.ts";
import { email, personName } from "../../shared/fields.ts";

export const password = z.string().min(8).max(128).meta({ description: "8–128 characters." });

export const signupBody = z
  .strictObject({
    email,
    password,
    name: personName.meta({ description: "Your full name." }),
    organizationName: personName.meta({ description: "The name of your firm." }),
  })
  .meta({ id: "Signup" });
export type SignupInput = z.infer<typeof signupBody>;
export const signupAcceptedSchema = z
  .object({ status: z.literal("accepted"), message: z.string() })
  .meta({ id: "SignupAccepted", description: "The same for a new address and for one that already has an account." });

export const signinBody = z
  .strictObject({
    email,
    // No length rules here: a wrong password is just wrong, whatever its length.
    password: z.string().min(1).max(1000),
  })
  .meta({ id: "Signin" });

export const verifyEmailBody = z
  .strictObject({ token: z.string().min(1).max(4000).meta({ description: "The token from the link in the confirmation e-mail." }) })
  .meta({ id: "VerifyEmail" });
export const verifiedSchema = z.object({ email: z.string() }).meta({ id: "Verified" });

export const roleSchema = z.enum(ROLES).meta({
  description: "admin: users and settings; lead: team lead; advisor: owns relationships; frontdesk: takes calls.",
});

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    role: roleSchema,
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof meSchema>;
