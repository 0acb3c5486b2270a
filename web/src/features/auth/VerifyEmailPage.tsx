import { Alert, Anchor, Loader, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useSearch } from "@tanstack/react-router";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { PublicLayout } from "../../layout/PublicLayout.tsx";

/** The link of the confirmation e-mail lands here: the token is checked once, and the answer shown. */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const { token } = useSearch({ from: "/verify-email" });
  const verified = useQuery({
    queryKey: ["verify-email", token],
    queryFn: () => api<{ email: string }>("POST", "/api/v1/verify-email", { token }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (verified.isPending) {
    return (
      <PublicLayout title={t("auth.verify.title")}>
        <Loader aria-label={t("app.loading")} />
      </PublicLayout>
    );
  }
  return (
    <PublicLayout title={t("auth.verify.title")}>
      {verified.error ? (
        <Alert color="red" role="alert">
          {verified.error.message}
        </Alert>
      ) : (
        <Alert color="green" role="status">
          {t("auth.verify.done", { email: verified.data?.email ?? "" })}
        </Alert>
      )}
      <Text fz="sm">
        <Anchor component={Link} to="/clients">
          {t("auth.verify.continue")}
        </Anchor>
      </Text>
    </PublicLayout>
  );
}
