import { Alert, Anchor, Badge, Button, Card, Group, Loader, Modal, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import type { ClientList } from "../../../../src/modules/clients/clients.schemas.ts";
import type { Commitment, MyDay } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { AtRiskSummary } from "../at-risk/AtRiskSummary.tsx";
import { CallbacksWithoutPerson } from "../callbacks/CallbacksWithoutPerson.tsx";
import { RiskBadge } from "./CommitmentBadges.tsx";
import { CommitmentForm } from "./CommitmentForm.tsx";
import { MarkDoneButton } from "./MarkDone.tsx";
import { useDueFormat, useMyDay } from "./queries.ts";
import { formatDay } from "./time.ts";

const SECTIONS = [
  { key: "overdue", title: "myday.overdue", empty: "myday.overdueEmpty" },
  { key: "dueToday", title: "myday.today", empty: "myday.todayEmpty" },
  { key: "dueThisWeek", title: "myday.week", empty: "myday.weekEmpty" },
  { key: "waitingCallbacks", title: "myday.callbacks", empty: "myday.callbacksEmpty" },
] as const satisfies readonly { key: keyof MyDay; title: string; empty: string }[];

function Row({ commitment, timeZone }: { commitment: Commitment; timeZone: string }) {
  const { t } = useI18n();
  const format = useDueFormat(timeZone);
  return (
    <Stack component="li" gap={4} py="xs" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Anchor component={Link} to={`/commitments/${commitment.id}`} fw={500}>
            {commitment.title}
          </Anchor>
          <Text fz="sm">{commitment.clientName}</Text>
          <Group gap={6}>
            <Text fz="sm" c="gray.7">
              {t("commitments.dueLine", { due: format.due(commitment.dueAt), relative: format.relative(commitment.dueAt) })}
            </Text>
            <RiskBadge commitment={commitment} />
          </Group>
        </div>
        <MarkDoneButton
          commitment={commitment}
          size="xs"
          variant="light"
          style={{ flexShrink: 0 }}
          label={t("myday.done")}
          ariaLabel={t("myday.doneLabel", { title: commitment.title })}
        />
      </Group>
    </Stack>
  );
}

/** "New promise" from My day: first which client, then the promise itself. */
function NewCommitment({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const [clientId, setClientId] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const clients = useQuery({
    queryKey: ["clients", { q: debounced, picker: true }],
    queryFn: () => {
      const params = new URLSearchParams({ limit: "10", archived: "false" });
      if (debounced) params.set("q", debounced);
      return api<ClientList>("GET", `/api/v1/clients?${params}`);
    },
    placeholderData: keepPreviousData,
  });
  const [chosenName, setChosenName] = useState<string>("");
  const options = (clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  // The chosen client stays an option while the list shows other matches.
  if (clientId && !options.some((o) => o.value === clientId)) options.unshift({ value: clientId, label: chosenName });
  return (
    <Stack gap="md">
      <Select
        label={t("commitments.field.client")}
        description={t("myday.clientHint")}
        required
        searchable
        clearable
        data-autofocus
        value={clientId}
        onChange={(value, option) => {
          setClientId(value);
          setChosenName(option?.label ?? "");
        }}
        searchValue={search}
        onSearchChange={setSearch}
        // The server's matches (a client may match by a contact's name) once the search has settled; until then the
        // previous matches that still fit what is typed, so the highlight the keyboard sees is a real match.
        filter={({ options: all, search: typed }) =>
          debounced === search.trim()
            ? all
            : all.filter((option) => "label" in option && option.label.toLowerCase().includes(typed.trim().toLowerCase()))
        }
        // Type, then Enter takes the first match; the arrows move from there.
        selectFirstOptionOnChange
        // Ten matches fit without a scrolling region (whose options a keyboard could not reach by Tab).
        withScrollArea={false}
        maxDropdownHeight={400}
        data={options}
        nothingFoundMessage={clients.isFetching ? t("app.loading") : t("clients.empty")}
      />
      {clientId && <CommitmentForm key={clientId} clientId={clientId} onCancel={onClose} onDone={onClose} />}
    </Stack>
  );
}

/**
 * What I promised: overdue, due today, due this week, and the callbacks I owe, each marked done in one click;
 * above them the organization's callbacks without a person, to accept.
 */
export function MyDayPage() {
  const { t, locale } = useI18n();
  usePageTitle(t("myday.title"));
  const day = useMyDay();
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t("myday.title")}</Title>
          {day.data && (
            <Text c="gray.7" fz="sm">
              {formatDay(day.data.today, locale)}
            </Text>
          )}
        </div>
        <Button onClick={open}>{t("commitments.new")}</Button>
      </Group>
      {day.isPending && <Loader aria-label={t("app.loading")} />}
      {day.error && (
        <Alert color="red" role="alert">
          {day.error.message}
        </Alert>
      )}
      {day.data && <CallbacksWithoutPerson items={day.data.callbacksWithoutPerson} timeZone={day.data.timeZone} />}
      {day.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {SECTIONS.map((section) => {
            const items = day.data[section.key];
            const id = `my-day-${section.key}`;
            return (
              <Card withBorder component="section" aria-labelledby={id} key={section.key}>
                <Group justify="space-between" mb="xs">
                  <Title order={2} fz="h4" id={id}>
                    {t(section.title)}
                  </Title>
                  <Badge variant="light">
                    <span aria-hidden="true">{items.length}</span>
                    <span className="visually-hidden">{t("myday.count", { count: items.length })}</span>
                  </Badge>
                </Group>
                {items.length === 0 ? (
                  <Text c="gray.7">{t(section.empty)}</Text>
                ) : (
                  <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: "none" }}>
                    {items.map((commitment) => (
                      <Row key={commitment.id} commitment={commitment} timeZone={day.data.timeZone} />
                    ))}
                  </Stack>
                )}
              </Card>
            );
          })}
          <AtRiskSummary mine />
        </SimpleGrid>
      )}
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={creating} onClose={close} title={t("commitments.new")} size="lg">
        {creating && <NewCommitment onClose={close} />}
      </Modal>
    </Stack>
  );
}
