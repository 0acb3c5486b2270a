import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { Link, useRouter, useSearch } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import type { Me } from "../../../../src/modules/auth/auth.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { PublicLayout } from "../../layout/PublicLayout.tsx";
import { useSignedIn } from "./session.ts";

export function SignInPage() {
  const { t } = useI18n();
  const router = useRouter();
  const { redirect } = useSearch({ from: "/signin" });
  const signedIn = useSignedIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation({
    mutationFn: () => api<Me>("POST", "/api/v1/session", { email, password }),
    onSuccess: (me) => {
      signedIn(me);
      // Back to the page the expired session interrupted, or the landing page of their role.
      router.history.replace(redirect ?? "/");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <PublicLayout title={t("auth.signin.title")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {formError(signIn.error, ["email", "password"]) && (
            <Alert color="red" role="alert">
              {formError(signIn.error, ["email", "password"])}
            </Alert>
          )}
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(signIn.error, "email")}
          />
          <PasswordInput
            label={t("auth.password")}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(signIn.error, "password")}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t("auth.signin.submit")}
          </Button>
          <Text fz="sm">
            {t("auth.signin.noAccount")}{" "}
            <Anchor component={Link} to="/signup">
              {t("auth.signin.toSignup")}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </PublicLayout>
  );
}
