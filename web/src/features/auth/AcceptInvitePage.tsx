import { Alert, Button, Loader, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import type { Me } from "../../../../src/modules/auth/auth.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { PublicLayout } from "../../layout/PublicLayout.tsx";
import { useSignedIn } from "./session.ts";

type PublicInvitation = { organizationName: string; email: string; role: "admin" | "lead" | "advisor" | "frontdesk" };

export function AcceptInvitePage() {
  const { t } = useI18n();
  const { id } = useParams({ from: "/invite/$id" });
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const invitation = useQuery({
    queryKey: ["invitation", id],
    queryFn: () => api<PublicInvitation>("GET", `/api/v1/invitations/${encodeURIComponent(id)}/public`),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () =>
      api<Me>(
        "POST",
        `/api/v1/invitations/${encodeURIComponent(id)}/accept`,
        // The page does not know whether the address has an account (it is not told): the server uses the name only for a new one.
        name.trim() ? { name, password } : { password },
      ),
    onSuccess: (me) => {
      signedIn(me);
      navigate({ to: "/clients" });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
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
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {formError(accept.error, ["name", "password"]) && (
            <Alert color="red" role="alert">
              {formError(accept.error, ["name", "password"])}
            </Alert>
          )}
          <TextInput
            label={t("auth.name")}
            description={t("auth.invite.nameHint")}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(accept.error, "name")}
          />
          <PasswordInput
            label={t("auth.password")}
            description={t("auth.invite.passwordHint")}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(accept.error, "password")}
          />
          <Button type="submit" loading={accept.isPending}>
            {t("auth.invite.submit")}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
