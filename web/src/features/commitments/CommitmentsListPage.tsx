import { Alert, Anchor, Button, CloseButton, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import type { CommitmentList } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { formatShortDate } from "../reliability/format.ts";
import { useMembers } from "../settings/members/queries.ts";
import { useTeams } from "../teams/queries.ts";
import { RiskBadge, StatusBadge } from "./CommitmentBadges.tsx";
import { type CommitmentsSearch, type FilterKey, listQuery, statusesOf, without } from "./list-search.ts";
import { useDueFormat } from "./queries.ts";

/**
 * Promises by filter, from the address: what the Team page's figures link to
 * ("the promises behind this rate"). Each filter is shown and can be removed.
 */
export function CommitmentsListPage() {
  const { t } = useI18n();
  usePageTitle(t("commitments.list.title"));
  const search = useSearch({ from: "/app/commitments" });
  const navigate = useNavigate({ from: "/commitments" });
  const format = useDueFormat();
  const list = useInfiniteQuery({
    queryKey: ["commitments", "filtered", search],
    queryFn: ({ pageParam }) => api<CommitmentList>("GET", `/api/v1/commitments?${listQuery(search, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filters = useFilterLabels(search);
  const remove = (keys: FilterKey[]) => navigate({ search: without(search, ...keys) });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("commitments.list.title")}</Title>
        <Text c="gray.7" fz="sm">
          {t("commitments.list.intro")}
        </Text>
      </div>
      {filters.length > 0 && (
        <Group gap="xs" role="group" aria-label={t("commitments.list.filters")}>
          {filters.map((filter) => (
            <Paper key={filter.keys.join()} withBorder radius="xl" px="sm" py={2}>
              <Group gap={4} wrap="nowrap">
                <Text fz="sm">{filter.label}</Text>
                <CloseButton
                  size="sm"
                  aria-label={t("commitments.list.remove", { filter: filter.label })}
                  onClick={() => remove(filter.keys)}
                />
              </Group>
            </Paper>
          ))}
        </Group>
      )}
      {list.error && (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      )}
      {list.isPending && <Loader aria-label={t("app.loading")} />}
      {list.data && (
        <>
          <Text fz="sm" aria-live="polite">
            {items.length === 0
              ? t("commitments.list.empty")
              : t(list.hasNextPage ? "commitments.list.countMore" : "commitments.list.count", { count: items.length })}
          </Text>
          {items.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("commitments.col.title")}</Table.Th>
                    <Table.Th scope="col">{t("commitments.col.client")}</Table.Th>
                    <Table.Th scope="col">{t("commitments.col.owner")}</Table.Th>
                    <Table.Th scope="col">{t("commitments.col.due")}</Table.Th>
                    <Table.Th scope="col">{t("commitments.col.closed")}</Table.Th>
                    <Table.Th scope="col">{t("commitments.col.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/commitments/${c.id}`} fw={500}>
                          {c.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{c.clientName}</Table.Td>
                      <Table.Td>{c.owner.name}</Table.Td>
                      <Table.Td>{format.due(c.dueAt)}</Table.Td>
                      <Table.Td>{c.closedAt ? format.moment(c.closedAt) : t("app.none")}</Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          <StatusBadge status={c.status} />
                          <RiskBadge commitment={c} />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {list.hasNextPage && (
            <Group>
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                {t("commitments.list.more")}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

/** Each filter in words, with the names of the person, team and client it names. */
function useFilterLabels(search: CommitmentsSearch): { keys: FilterKey[]; label: string }[] {
  const { t, locale } = useI18n();
  const members = useMembers();
  const teams = useTeams();
  const client = useQuery({
    queryKey: ["client", search.clientId],
    queryFn: () => api<{ name: string }>("GET", `/api/v1/clients/${search.clientId}`),
    enabled: search.clientId !== undefined,
    retry: false,
  });
  const day = (date: string) => formatShortDate(locale, date, true);
  const labels: { keys: FilterKey[]; label: string }[] = [];
  if (search.ownerId) {
    const name = members.data?.find((member) => member.id === search.ownerId)?.name ?? "…";
    labels.push({ keys: ["ownerId"], label: t("commitments.list.filter.owner", { name }) });
  }
  if (search.teamId) {
    const name = teams.data?.find((team) => team.id === search.teamId)?.name ?? "…";
    labels.push({ keys: ["teamId"], label: t("commitments.list.filter.team", { name }) });
  }
  if (search.clientId) labels.push({ keys: ["clientId"], label: t("commitments.list.filter.client", { name: client.data?.name ?? "…" }) });
  if (search.status) {
    const statuses = statusesOf(search.status)
      .map((status) => t(`commitments.status.${status}`))
      .join(", ");
    labels.push({ keys: ["status"], label: t("commitments.list.filter.status", { statuses }) });
  }
  if (search.state) labels.push({ keys: ["state"], label: t(`commitments.list.filter.${search.state}`) });
  if (search.closedFrom && search.closedTo) {
    labels.push({
      keys: ["closedFrom", "closedTo"],
      label: t("commitments.list.filter.closedBetween", { from: day(search.closedFrom), to: day(search.closedTo) }),
    });
  } else if (search.closedFrom) {
    labels.push({ keys: ["closedFrom"], label: t("commitments.list.filter.closedFrom", { from: day(search.closedFrom) }) });
  }
  if (search.closedTo && !search.closedFrom) {
    labels.push({ keys: ["closedTo"], label: t("commitments.list.filter.closedTo", { to: day(search.closedTo) }) });
  }
  if (search.overdue) labels.push({ keys: ["overdue"], label: t("commitments.list.filter.overdue") });
  return labels;
}
