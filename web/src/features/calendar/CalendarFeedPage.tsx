import { Alert, Button, Card, Group, Loader, Stack, Text, useMantineTheme } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import type { CalendarFeed, createdCalendarFeedSchema } from "../../../../src/modules/calendar/calendar.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { CopyableValue } from "../../layout/CopyableValue.tsx";

type CreatedFeed = z.infer<typeof createdCalendarFeedSchema>;

/** My open promises in my own calendar app, through a secret address only I know. */
export function CalendarFeedPage() {
  const { t, formatDateTime } = useI18n();
  const theme = useMantineTheme();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedFeed | null>(null);
  const [confirming, setConfirming] = useState<"replace" | "stop" | null>(null);
  const feed = useQuery({ queryKey: ["calendar-feed"], queryFn: () => api<CalendarFeed>("GET", "/api/v1/calendar-feed") });
  const create = useMutation({
    mutationFn: () => api<CreatedFeed>("POST", "/api/v1/calendar-feed", {}),
    onSuccess: (next) => {
      setCreated(next);
      setConfirming(null);
      queryClient.invalidateQueries({ queryKey: ["calendar-feed"] });
    },
  });
  const stop = useMutation({
    mutationFn: () => api("DELETE", "/api/v1/calendar-feed"),
    onSuccess: () => {
      setCreated(null);
      setConfirming(null);
      queryClient.invalidateQueries({ queryKey: ["calendar-feed"] });
    },
  });

  return (
    <Stack gap="md">
      <Text>{t("calendar.intro")}</Text>
      <Text fz="sm" c="gray.7">
        {t("calendar.how")}
      </Text>
      {feed.isPending && <Loader aria-label={t("app.loading")} />}
      {feed.error && (
        <Alert color="red" role="alert">
          {feed.error.message}
        </Alert>
      )}
      {created && (
        <Alert color="green" role="status">
          <Text fz="sm" fw={700}>
            {t("calendar.created")}
          </Text>
          <Text fz="sm">{t("calendar.secret")}</Text>
          <CopyableValue value={created.url} testId="calendar-url" />
        </Alert>
      )}
      {(create.error || stop.error) && (
        <Alert color="red" role="alert">
          {(create.error ?? stop.error)?.message}
        </Alert>
      )}
      {feed.data && !feed.data.active && (
        <Card withBorder>
          <Stack gap="sm" align="flex-start">
            <Text>{t("calendar.none")}</Text>
            <Button loading={create.isPending} onClick={() => create.mutate()}>
              {t("calendar.create")}
            </Button>
          </Stack>
        </Card>
      )}
      {feed.data?.active && (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={500}>{t("calendar.active")}</Text>
            <Text fz="sm">
              {t("calendar.createdAt", { date: feed.data.createdAt ? formatDateTime(feed.data.createdAt) : t("app.none") })}
              <br />
              {t("calendar.lastUsed", { date: feed.data.lastUsedAt ? formatDateTime(feed.data.lastUsedAt) : t("calendar.neverUsed") })}
            </Text>
            <Group>
              <Button variant="default" onClick={() => setConfirming("replace")}>
                {t("calendar.replace")}
              </Button>
              <Button variant="default" color="red" onClick={() => setConfirming("stop")}>
                {t("calendar.stop")}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {/* Failures show in the alert above, not in the dialog; a new address is not dangerous, so it keeps the primary colour. */}
      <ConfirmDialog
        opened={confirming !== null}
        title={confirming === "stop" ? t("calendar.stop") : t("calendar.replace")}
        message={confirming === "stop" ? t("calendar.stopConfirm") : t("calendar.replaceConfirm")}
        confirmLabel={confirming === "stop" ? t("calendar.stop") : t("calendar.replace")}
        onConfirm={() => (confirming === "stop" ? stop.mutate() : create.mutate())}
        onCancel={() => setConfirming(null)}
        pending={confirming === "stop" ? stop.isPending : create.isPending}
        color={confirming === "stop" ? "red" : theme.primaryColor}
      />
    </Stack>
  );
}
