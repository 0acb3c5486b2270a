import { Alert, Button, Loader, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import type { Me } from "../../../../src/modules/auth/auth.schemas.ts";
import { acceptInvitationBody } from "../../../../src/modules/organizations/organizations.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { PublicLayout } from "../../layout/PublicLayout.tsx";
import { useSignedIn } from "./session.ts";

type AcceptValues = { name: string; password: string };

/** The page does not know whether the address has an account (it is not told): the server uses the name only for a new one. */
const bodyOf = (values: AcceptValues) =>
  values.name.trim() ? { name: values.name, password: values.password } : { password: values.password };

type PublicInvitation = { organizationName: string; email: string; role: "admin" | "lead" | "advisor" | "frontdesk" };

export function AcceptInvitePage() {
  const { t } = useI18n();
  const { id } = useParams({ from: "/invite/$id" });
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const form = useForm<AcceptValues>({
    mode: "controlled",
    initialValues: { name: "", password: "" },
    // The API's own schema, its issues in the UI's words, before anything is sent.
    validate: (values) => zodErrors(acceptInvitationBody, bodyOf(values), t),
  });
  const invitation = useQuery({
    queryKey: ["invitation", id],
    queryFn: () => api<PublicInvitation>("GET", `/api/v1/invitations/${encodeURIComponent(id)}/public`),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: (values: AcceptValues) => api<Me>("POST", `/api/v1/invitations/${encodeURIComponent(id)}/accept`, bodyOf(values)),
    onSuccess: (me) => {
      signedIn(me);
      navigate({ to: "/clients" });
    },
  });
  /** A field's props: its value, and the form's own message first, else the server's. */
  const input = (key: keyof AcceptValues) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(accept.error, key),
  });
  if (invitation.isPending) {
    return (
      <PublicLayout title={t("app.loading")}>
        <Loader aria-label={t("app.loading")} />
      </PublicLayout>
    );
  }
  if (invitation.error || !invitation.data) {
    return (
      <PublicLayout title={t("app.error")}>
        <Alert color="red" role="alert">
          {invitation.error?.message}
        </Alert>
      </PublicLayout>
    );
  }
  const data = invitation.data;
  return (
    <PublicLayout title={t("auth.invite.title", { organization: data.organizationName })}>
      <Text fz="sm">{t("auth.invite.intro", { role: t(`roles.${data.role}`), email: data.email })}</Text>
      <Text fz="sm">{t("auth.invite.existing")}</Text>
      <form onSubmit={form.onSubmit((values) => accept.mutate(values))} noValidate>
        <Stack gap="sm">
          {formError(accept.error, ["name", "password"]) && (
            <Alert color="red" role="alert">
              {formError(accept.error, ["name", "password"])}
            </Alert>
          )}
          <TextInput label={t("auth.name")} description={t("auth.invite.nameHint")} autoComplete="name" {...input("name")} />
          <PasswordInput
            label={t("auth.password")}
            description={t("auth.invite.passwordHint")}
            autoComplete="current-password"
            required
            {...input("password")}
          />
          <Button type="submit" loading={accept.isPending}>
            {t("auth.invite.submit")}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
