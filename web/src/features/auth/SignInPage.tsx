import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { Link, useRouter, useSearch } from "@tanstack/react-router";
import { type Me, signinBody } from "../../../../src/modules/auth/auth.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { PublicLayout } from "../../layout/PublicLayout.tsx";
import { useSignedIn } from "./session.ts";

type Values = { email: string; password: string };

export function SignInPage() {
  const { t } = useI18n();
  const router = useRouter();
  const { redirect } = useSearch({ from: "/signin" });
  const signedIn = useSignedIn();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { email: "", password: "" },
    // The API's own schema, its issues in the UI's words, before anything is sent.
    validate: (values) => zodErrors(signinBody, values, t),
  });
  const signIn = useMutation({
    mutationFn: (values: Values) => api<Me>("POST", "/api/v1/session", values),
    onSuccess: (me) => {
      signedIn(me);
      // Back to the page the expired session interrupted, or the landing page of their role.
      router.history.replace(redirect ?? "/");
    },
  });
  /** A field's props: its value, and the form's own message first, else the server's. */
  const input = (key: keyof Values) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(signIn.error, key),
  });
  const alert = formError(signIn.error, ["email", "password"]);
  return (
    <PublicLayout title={t("auth.signin.title")}>
      <form onSubmit={form.onSubmit((values) => signIn.mutate(values))} noValidate>
        <Stack gap="sm">
          {alert && (
            <Alert color="red" role="alert">
              {alert}
            </Alert>
          )}
          <TextInput label={t("auth.email")} type="email" autoComplete="username" required {...input("email")} />
          <PasswordInput label={t("auth.password")} autoComplete="current-password" required {...input("password")} />
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
