import { ActionIcon, Alert, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import type { Notification, NotificationList } from "../../../../src/modules/notifications/notifications.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { formatRelative } from "./time.ts";

const queryKey = ["notifications"] as const;

/** The address of `link` within this app, when it points here; undefined for anywhere else. */
export function pathOnThisOrigin(link: string, origin: string): string | undefined {
  try {
    const url = new URL(link, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : undefined;
  } catch {
    return undefined;
  }
}

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** Header bell for every signed-in person: unread count, the latest notifications, mark read. */
export function NotificationsBell() {
  const { t, locale, formatDateTime } = useI18n();
  const [opened, setOpened] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey,
    queryFn: () => api<NotificationList>("GET", "/api/v1/notifications?limit=20"),
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api<Notification>("POST", `/api/v1/notifications/${id}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
  const markAll = useMutation({
    mutationFn: () => api<{ marked: number }>("POST", "/api/v1/notifications/read-all"),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
  const unread = list.data?.unreadCount ?? 0;
  const items = list.data?.items ?? [];

  const text = (n: Notification) =>
    t(`notifications.kind.${n.kind}`, {
      title: n.params.title,
      client: n.params.clientName,
      due: formatDateTime(n.params.dueAt),
      owner: n.params.ownerName ?? t("notifications.someone"),
    });

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpened(false);
    const path = pathOnThisOrigin(n.params.link, window.location.origin);
    if (path) void navigate({ href: path });
  };

  return (
    // The badge sits outside the popover's target, so the button itself carries aria-expanded and friends.
    <Indicator label={unread > 99 ? "99+" : String(unread)} disabled={unread === 0} color="red.9" size={18} offset={6}>
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width={380}
        shadow="md"
        trapFocus
        returnFocus
        onOpen={() => void list.refetch()}
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray.8"
            size="lg"
            aria-label={unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.title")}
            onClick={() => setOpened((value) => !value)}
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0}>
          <Group justify="space-between" px="sm" py="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
            <Text fw={600} component="h2" fz="md" m={0}>
              {t("notifications.title")}
            </Text>
            <Button size="compact-sm" variant="subtle" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
              {t("notifications.markAll")}
            </Button>
          </Group>
          {list.error && (
            <Alert color="red" role="alert" m="sm">
              {list.error.message}
            </Alert>
          )}
          {list.data && items.length === 0 && (
            <Text c="gray.7" fz="sm" p="sm">
              {t("notifications.empty")}
            </Text>
          )}
          {items.length > 0 && (
            <ScrollArea.Autosize mah={420} type="auto">
              <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
                {items.map((n) => (
                  <li key={n.id}>
                    <UnstyledButton
                      onClick={() => open(n)}
                      px="sm"
                      py="xs"
                      w="100%"
                      style={{ display: "block", background: n.readAt ? undefined : "var(--mantine-color-brand-0)" }}
                    >
                      <Text fz="sm" fw={n.readAt ? 400 : 600}>
                        {!n.readAt && <span className="visually-hidden">{t("notifications.unread")}: </span>}
                        {text(n)}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        <time dateTime={n.createdAt} title={formatDateTime(n.createdAt)}>
                          {formatRelative(locale, n.createdAt)}
                        </time>
                      </Text>
                    </UnstyledButton>
                  </li>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
