import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { type Me, type SignupInput, signupBody } from "../../../../src/modules/auth/auth.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { PublicLayout } from "../../layout/PublicLayout.tsx";
import { useSignedIn } from "./session.ts";

export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const form = useForm<SignupInput>({
    mode: "controlled",
    initialValues: { name: "", email: "", password: "", organizationName: "" },
    // The API's own schema, its issues in the UI's words, before anything is sent.
    validate: (values) => zodErrors(signupBody, values, t),
  });
  // Sign-up answers the same whether or not the address already has an account, and signs no one in:
  // sign in with what was typed. That fails only for an address that had an account with another password,
  // whose owner has been e-mailed; then show the sign-up's own answer.
  const [accepted, setAccepted] = useState<string | null>(null);
  const signUp = useMutation({
    mutationFn: async (values: SignupInput) => {
      const answer = await api<{ message: string }>("POST", "/api/v1/signup", values);
      try {
        return await api<Me>("POST", "/api/v1/session", { email: values.email, password: values.password });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return answer.message;
        throw error;
      }
    },
    onSuccess: (result) => {
      if (typeof result === "string") {
        setAccepted(result);
        return;
      }
      signedIn(result);
      navigate({ to: "/clients" });
    },
  });
  /** A field's props: its value, and the form's own message first, else the server's. */
  const input = (key: keyof SignupInput) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(signUp.error, key),
  });
  const alert = formError(signUp.error, ["name", "email", "password", "organizationName"]);
  return (
    <PublicLayout title={t("auth.signup.title")}>
      <Text fz="sm">{t("auth.signup.intro")}</Text>
      <form onSubmit={form.onSubmit((values) => signUp.mutate(values))} noValidate>
        <Stack gap="sm">
          {alert && (
            <Alert color="red" role="alert">
              {alert}
            </Alert>
          )}
          {accepted && (
            <Alert color="blue" role="status">
              {accepted}
            </Alert>
          )}
          <TextInput label={t("auth.name")} autoComplete="name" required {...input("name")} />
          <TextInput label={t("auth.email")} type="email" autoComplete="email" required {...input("email")} />
          <PasswordInput
            label={t("auth.password")}
            description={t("auth.passwordHint")}
            autoComplete="new-password"
            required
            {...input("password")}
          />
          <TextInput label={t("auth.organization")} autoComplete="organization" required {...input("organizationName")} />
          <Button type="submit" loading={signUp.isPending}>
            {t("auth.signup.submit")}
          </Button>
          <Text fz="sm">
            {t("auth.signup.hasAccount")}{" "}
            <Anchor component={Link} to="/signin">
              {t("auth.signup.toSignin")}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </PublicLayout>
  );
}
