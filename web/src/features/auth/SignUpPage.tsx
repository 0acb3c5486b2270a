import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import type { Me } from "../../../../src/modules/auth/auth.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
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
  const signUp = useMutation({
    mutationFn: () => api<Me>("POST", "/api/v1/signup", form),
    onSuccess: (me) => {
      signedIn(me);
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
