import { Alert, Anchor, Button, Card, Collapse, Group, Loader, Modal, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link } from "@tanstack/react-router";
import type { Commitment } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { RiskBadge, StatusBadge } from "./CommitmentBadges.tsx";
import { CommitmentForm } from "./CommitmentForm.tsx";
import { useClientCommitments, useDueFormat } from "./queries.ts";

function CommitmentTable({ items, closed }: { items: Commitment[]; closed?: boolean }) {
  const { t } = useI18n();
  const format = useDueFormat();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("commitments.col.title")}</Table.Th>
            <Table.Th scope="col">{t("commitments.col.owner")}</Table.Th>
            <Table.Th scope="col">{t("commitments.col.due")}</Table.Th>
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
              <Table.Td>{c.owner.name}</Table.Td>
              <Table.Td>
                <Text fz="sm">{format.due(c.dueAt)}</Text>
                {!closed && (
                  <Text fz="xs" c="dimmed">
                    {format.relative(c.dueAt)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <StatusBadge status={c.status} />
                  {!closed && <RiskBadge commitment={c} />}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The client page's promises: what is still to be done (due soonest first), then what was closed. */
export function ClientCommitments({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const [creating, { open, close }] = useDisclosure(false);
  const [showClosed, { toggle }] = useDisclosure(false);
  const active = useClientCommitments(clientId, "active");
  const closed = useClientCommitments(clientId, "closed", showClosed);
  return (
    <Card withBorder component="section" aria-labelledby="client-commitments">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4" id="client-commitments">
          {t("commitments.title")}
        </Title>
        <Button size="xs" onClick={open}>
          {t("commitments.new")}
        </Button>
      </Group>
      <Stack gap="sm">
        {active.isPending && <Loader size="sm" aria-label={t("app.loading")} />}
        {active.error && (
          <Alert color="red" role="alert">
            {active.error.message}
          </Alert>
        )}
        {active.data && active.data.items.length === 0 && <Text c="gray.7">{t("commitments.noneActive")}</Text>}
        {active.data && active.data.items.length > 0 && <CommitmentTable items={active.data.items} />}
        <div>
          <Button variant="subtle" size="compact-sm" onClick={toggle} aria-expanded={showClosed} aria-controls="client-commitments-closed">
            {showClosed ? t("commitments.hideClosed") : t("commitments.showClosed")}
          </Button>
          <Collapse expanded={showClosed} id="client-commitments-closed">
            <Stack gap="xs" mt="xs">
              <Title order={3} fz="h5">
                {t("commitments.closedTitle")}
              </Title>
              {closed.isPending && showClosed && <Loader size="sm" aria-label={t("app.loading")} />}
              {closed.error && (
                <Alert color="red" role="alert">
                  {closed.error.message}
                </Alert>
              )}
              {closed.data && closed.data.items.length === 0 && <Text c="gray.7">{t("commitments.noneClosed")}</Text>}
              {closed.data && closed.data.items.length > 0 && <CommitmentTable items={closed.data.items} closed />}
            </Stack>
          </Collapse>
        </div>
      </Stack>
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={creating} onClose={close} title={t("commitments.new")} size="lg">
        <CommitmentForm clientId={clientId} onCancel={close} onDone={close} />
      </Modal>
    </Card>
  );
}
