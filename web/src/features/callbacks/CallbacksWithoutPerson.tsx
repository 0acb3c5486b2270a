import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { Callback } from "../../../../src/modules/callbacks/callbacks.schemas.ts";
import type { Commitment } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMe } from "../auth/session.ts";
import { useDueFormat } from "../commitments/queries.ts";
import { ERROR_CONTRAST } from "./contrast.ts";
import { refreshAfterCallback } from "./queries.ts";

function Row({ commitment, timeZone, canAccept }: { commitment: Commitment; timeZone: string; canAccept: boolean }) {
  const { t } = useI18n();
  const format = useDueFormat(timeZone);
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => api<Callback>("POST", `/api/v1/callbacks/${commitment.id}/accept`),
    onSuccess: (saved) => refreshAfterCallback(queryClient, saved),
    // Someone else was quicker (409): the list shows who has it after a reload.
    onError: () => queryClient.invalidateQueries({ queryKey: ["my-day"] }),
  });
  return (
    <Stack component="li" gap={4} py="xs" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Anchor component={Link} to={`/commitments/${commitment.id}`} fw={500}>
            {commitment.title}
          </Anchor>
          <Text fz="sm">{commitment.clientName}</Text>
          <Text fz="sm" c="gray.7">
            {t("myday.withoutPersonDue", { due: format.due(commitment.dueAt), relative: format.relative(commitment.dueAt) })}
          </Text>
        </div>
        {canAccept && (
          <Button
            size="xs"
            style={{ flexShrink: 0 }}
            loading={accept.isPending}
            onClick={() => accept.mutate()}
            aria-label={t("myday.acceptLabel", { title: commitment.title })}
          >
            {t("myday.accept")}
          </Button>
        )}
      </Group>
      {accept.error && (
        <Alert color="yellow" role="alert" p="xs">
          {accept.error.message}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * My day's callbacks without a person: nobody is left to route them to, or
 * most of the promised time passed unaccepted. Everyone sees them; whoever
 * calls back accepts one here and it becomes theirs. Nothing when there are none.
 */
export function CallbacksWithoutPerson({ items, timeZone }: { items: Commitment[]; timeZone: string }) {
  const { t } = useI18n();
  const me = useMe();
  if (items.length === 0) return null;
  const canAccept = me.data !== undefined && me.data.role !== "frontdesk";
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby="my-day-callbacksWithoutPerson"
      style={{ ...ERROR_CONTRAST, borderColor: "#9a4700" }}
    >
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h4" id="my-day-callbacksWithoutPerson">
          {t("myday.withoutPerson")}
        </Title>
        <Badge color="#9a4700" variant="filled">
          <span aria-hidden="true">{items.length}</span>
          <span className="visually-hidden">{t("myday.count", { count: items.length })}</span>
        </Badge>
      </Group>
      <Text fz="sm" c="gray.7">
        {canAccept ? t("myday.withoutPersonHint") : t("myday.withoutPersonHintDesk")}
      </Text>
      <Stack component="ul" gap={0} m={0} mt="xs" p={0} style={{ listStyle: "none" }}>
        {items.map((commitment) => (
          <Row key={commitment.id} commitment={commitment} timeZone={timeZone} canAccept={canAccept} />
        ))}
      </Stack>
    </Card>
  );
}
