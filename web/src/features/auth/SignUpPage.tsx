import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import type { Me } from "../../../../src/modules/auth/auth.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { PublicLayout } from "../../layout/PublicLayout.tsx";
import { useSignedIn } from "./session.ts";

export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [form, setForm] = useState({ name: "", email: "", password: "", organizationName: "" });
  const set = (key: keyof typeof form) => (event: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: event.currentTarget.value });
  // Sign-up answers the same whether or not the address already has an account, and signs no one in:
  // sign in with what was typed. That fails only for an address that had an account with another password,
  // whose owner has been e-mailed; then show the sign-up's own answer.
  const [accepted, setAccepted] = useState<string | null>(null);
  const signUp = useMutation({
    mutationFn: async () => {
      const answer = await api<{ message: string }>("POST", "/api/v1/signup", form);
      try {
        return await api<Me>("POST", "/api/v1/session", { email: form.email, password: form.password });
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate();
  };
  const alert = formError(signUp.error, ["name", "email", "password", "organizationName"]);
  return (
    <PublicLayout title={t("auth.signup.title")}>
      <Text fz="sm">{t("auth.signup.intro")}</Text>
      <form onSubmit={submit} noValidate>
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
          <TextInput
            label={t("auth.name")}
            autoComplete="name"
            required
            value={form.name}
            onChange={set("name")}
            error={fieldError(signUp.error, "name")}
          />
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={set("email")}
            error={fieldError(signUp.error, "email")}
          />
          <PasswordInput
            label={t("auth.password")}
            description={t("auth.passwordHint")}
            autoComplete="new-password"
            required
            value={form.password}
            onChange={set("password")}
            error={fieldError(signUp.error, "password")}
          />
          <TextInput
            label={t("auth.organization")}
            autoComplete="organization"
            required
            value={form.organizationName}
            onChange={set("organizationName")}
            error={fieldError(signUp.error, "organizationName")}
          />
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
