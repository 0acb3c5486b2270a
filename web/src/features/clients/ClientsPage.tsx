import { Alert, Anchor, Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import type { ClientList } from "../../../../src/modules/clients/clients.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BreakableEmail } from "../../layout/BreakableEmail.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useMe } from "../auth/session.ts";
import { ClientForm } from "./ClientForm.tsx";

export function ClientsPage() {
  const { t, formatNumber } = useI18n();
  usePageTitle(t("clients.title"));
  const navigate = useNavigate();
  const me = useMe();
  // The address holds the search (q) and the toggle, so Back returns to the same list.
  const { q = "", archived = false } = useSearch({ from: "/app/clients" });
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // Typing updates the address once it pauses; the address changing otherwise (a link, Back) updates the box.
  const pushed = useRef(q);
  useEffect(() => {
    if (debounced === pushed.current) return;
    pushed.current = debounced;
    navigate({ to: "/clients", search: (prev) => ({ ...prev, q: debounced || undefined }), replace: true });
  }, [debounced, navigate]);
  useEffect(() => {
    if (q === pushed.current) return;
    pushed.current = q;
    setSearch(q);
  }, [q]);
  const setArchived = (next: boolean) =>
    navigate({ to: "/clients", search: (prev) => ({ ...prev, archived: next || undefined }), replace: true });
  const list = useInfiniteQuery({
    queryKey: ["clients", { q, archived }],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "50", archived: String(archived) });
      if (q) params.set("q", q);
      if (pageParam) params.set("cursor", pageParam);
      return api<ClientList>("GET", `/api/v1/clients?${params}`);
    },
    getNextPageParam: (page) => page.nextCursor,
  });
  const clients = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t("clients.title")}</Title>
        <Button onClick={() => setCreating(true)}>{t("clients.new")}</Button>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t("clients.search")}
          description={t("clients.searchHint")}
          type="search"
          maxLength={200}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: "100%", sm: 360 }}
        />
        <div>
          <Text component="span" id="clients-show" fz="sm" fw={500} display="block" mb={4}>
            {t("clients.show")}
          </Text>
          <SegmentedControl
            aria-labelledby="clients-show"
            value={archived ? "archived" : "active"}
            onChange={(value) => setArchived(value === "archived")}
            data={[
              { value: "active", label: t("clients.active") },
              { value: "archived", label: t("clients.archived") },
            ]}
          />
        </div>
      </Group>
      {list.error && (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="xs" horizontalSpacing="sm" fz="sm" aria-busy={list.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("clients.col.name")}</Table.Th>
              <Table.Th scope="col">{t("clients.col.kind")}</Table.Th>
              <Table.Th scope="col">{t("clients.col.owner")}</Table.Th>
              <Table.Th scope="col">{t("clients.col.team")}</Table.Th>
              <Table.Th scope="col">{t("clients.col.email")}</Table.Th>
              <Table.Th scope="col">{t("clients.col.phone")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("clients.col.contacts")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clients.map((client) => (
              <Table.Tr key={client.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${client.id}`} fw={500}>
                    {client.name}
                  </Anchor>
                  {client.matchedContacts.length > 0 && (
                    // Found through a contact: say whom, or the row would seem not to match.
                    <Text fz="sm" c="gray.7">
                      {t("clients.matchedContacts", { names: client.matchedContacts.map((contact) => contact.name).join(", ") })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Badge
                    variant="light"
                    tt="none"
                    styles={{ root: { overflow: "visible" }, label: { overflow: "visible" } }}
                    color={client.kind === "company" ? "brand" : "grape"}
                  >
                    {t(`clients.kind.${client.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{client.accountOwner?.name ?? t("app.none")}</Table.Td>
                <Table.Td>{client.team?.name ?? t("app.none")}</Table.Td>
                <Table.Td>{client.email ? <BreakableEmail email={client.email} /> : t("app.none")}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{client.phone ?? t("app.none")}</Table.Td>
                <Table.Td ta="right">{formatNumber(client.contactCount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text aria-live="polite" fz="sm" c="gray.7">
        {list.isPending
          ? t("app.loading")
          : clients.length > 0
            ? t("clients.count", { count: formatNumber(clients.length) })
            : q || archived
              ? t("clients.empty")
              : t("clients.none")}
      </Text>
      {list.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t("clients.loadMore")}
          </Button>
        </Group>
      )}
      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={creating}
        onClose={() => setCreating(false)}
        title={t("clients.new")}
        size="lg"
      >
        <ClientForm
          defaultOwnerId={me.data?.role === "frontdesk" ? undefined : me.data?.id}
          onCancel={() => setCreating(false)}
          onDone={(client) => {
            setCreating(false);
            navigate({ to: "/clients/$id", params: { id: client.id } });
          }}
        />
      </Modal>
    </Stack>
  );
}
