import { Alert, Switch } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PortalSettings } from "../../../../src/modules/portal/portal.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";

/** The opt-in per client: whether its portal also shows our track record of the last 12 months. */
export function TrackRecordSwitch({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const queryKey = ["portal-settings", clientId];
  const settings = useQuery({ queryKey, queryFn: () => api<PortalSettings>("GET", `/api/v1/clients/${clientId}/portal-settings`) });
  const save = useMutation({
    mutationFn: (showTrackRecord: boolean) =>
      api<PortalSettings>("PUT", `/api/v1/clients/${clientId}/portal-settings`, { showTrackRecord }),
    onSuccess: (saved) => queryClient.setQueryData(queryKey, saved),
  });
  if (!settings.data) return null;
  const canChange = settings.data.canChange;
  return (
    <>
      <Switch
        label={t("portal.record.switch")}
        description={canChange ? t("portal.record.switchHelp") : `${t("portal.record.switchHelp")} ${t("portal.record.switchNotAllowed")}`}
        checked={save.isPending ? Boolean(save.variables) : settings.data.showTrackRecord}
        disabled={!canChange || save.isPending}
        onChange={(event) => save.mutate(event.currentTarget.checked)}
      />
      {save.error && (
        <Alert color="red" role="alert">
          {save.error.message}
        </Alert>
      )}
    </>
  );
}
