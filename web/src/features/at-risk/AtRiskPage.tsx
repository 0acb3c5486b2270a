import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { canSeeTeamFigures, canSeeTrust } from "../../../../src/core/roles.ts";
import { ApiError } from "../../api/client.ts";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useMe } from "../auth/session.ts";
import { useMembers } from "../settings/members/queries.ts";
import { useTeams } from "../teams/queries.ts";
import { AcknowledgeDialog } from "./AcknowledgeDialog.tsx";
import { useRiskText } from "./messages.ts";
import { type AtRiskItem, useAtRisk } from "./queries.ts";
import { RiskReasons } from "./RiskReasons.tsx";
import { ownerIdOf } from "./search.ts";

type Client = { id: string; name: string };

function RiskCard({
  item,
  memberName,
  onAcknowledge,
}: {
  item: AtRiskItem;
  memberName: (id: string | null) => string;
  onAcknowledge: (client: Client) => void;
}) {
  const { rt, formatDate } = useRiskText();
  const headingId = `risk-${item.clientId}`;
  return (
    <Card withBorder component="li" padding="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div>
            <Title order={2} fz="h4" id={headingId}>
              <Anchor component={Link} to={`/clients/${item.clientId}`} inherit>
                {item.clientName}
              </Anchor>
            </Title>
            <Text fz="sm" c="dimmed">
              {item.owner ? rt("risk.owner", { name: item.owner.name }) : rt("risk.noOwner")}
            </Text>
          </div>
          <Badge variant="light" color="red" styles={{ label: { color: "var(--mantine-color-dark-8)" } }}>
            {rt("risk.urgency", { rank: item.rank })}
          </Badge>
        </Group>
        <RiskReasons reasons={item.reasons} />
        {item.nextStepText && (
          <Text fz="sm" fw={600}>
            {rt("risk.nextStep", { step: item.nextStepText })}
          </Text>
        )}
        {item.acknowledged && (
          <Text fz="sm" c="dimmed">
            {rt("risk.acknowledged", {
              by: memberName(item.acknowledged.by),
              at: formatDate(item.acknowledged.at),
              until: formatDate(item.acknowledged.until),
              reason: item.acknowledged.reason,
            })}
          </Text>
        )}
        <Group justify="flex-end">
          <Button
            size="xs"
            variant="default"
            aria-label={rt("risk.acknowledgeFor", { client: item.clientName })}
            onClick={() => onAcknowledge({ id: item.clientId, name: item.clientName })}
          >
            {rt("risk.acknowledge")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * Clients at risk, most urgent first: each with its reasons in the API's words,
 * the evidence behind them, a next step, and a way to acknowledge it for a while.
 * Filters (owner, team, acknowledged) live in the address.
 */
export function AtRiskPage() {
  const { t, rt, formatDate } = useRiskText();
  usePageTitle(rt("risk.title"));
  const me = useMe();
  const search = useSearch({ from: "/app/at-risk" });
  const navigate = useNavigate({ from: "/at-risk" });
  const members = useMembers();
  const teams = useTeams();
  const role = me.data?.role;
  const allowed = role !== undefined && canSeeTrust(role);
  // Advisers start with their own clients; leads and administrators with everyone's.
  const owner = search.owner ?? (role && canSeeTeamFigures(role) ? "all" : "me");
  const list = useAtRisk(
    { ownerId: ownerIdOf(owner), teamId: search.team, includeAcknowledged: search.acknowledged === true, limit: 200 },
    { enabled: allowed },
  );
  const [acknowledging, setAcknowledging] = useState<Client | null>(null);
  const [done, setDone] = useState<{ client: Client; until: string } | null>(null);
  const memberName = (id: string | null) => members.data?.find((m) => m.id === id)?.name ?? rt("risk.someone");

  const ownerOptions = [
    { value: "me", label: rt("risk.filter.ownerMe") },
    { value: "all", label: rt("risk.filter.ownerAll") },
    ...(members.data ?? []).filter((m) => m.id !== me.data?.id).map((m) => ({ value: m.id, label: m.name })),
  ];
  // An owner from the address that is not (yet) among the members still shows as chosen.
  if (!ownerOptions.some((o) => o.value === owner)) ownerOptions.push({ value: owner, label: owner });
  const teamOptions = [
    { value: "", label: rt("risk.filter.teamAll") },
    ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
  ];
  const items = list.data?.items ?? [];

  if (role !== undefined && !allowed) {
    return (
      <Stack>
        <Title order={1}>{rt("risk.title")}</Title>
        <Alert color="gray">{rt("risk.forbidden")}</Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{rt("risk.title")}</Title>
        <Text c="gray.7" fz="sm" maw={760}>
          {rt("risk.intro")}
        </Text>
      </div>
      <Group
        component="form"
        role="search"
        aria-label={rt("risk.filters")}
        align="flex-end"
        wrap="wrap"
        gap="md"
        onSubmit={(event) => event.preventDefault()}
      >
        <Select
          label={rt("risk.filter.owner")}
          data={ownerOptions}
          value={owner}
          allowDeselect={false}
          searchable
          selectFirstOptionOnChange
          w={240}
          onChange={(value) => void navigate({ search: (previous) => ({ ...previous, owner: value ?? "me" }) })}
        />
        <Select
          label={rt("risk.filter.team")}
          data={teamOptions}
          value={search.team ?? ""}
          allowDeselect={false}
          w={220}
          onChange={(value) =>
            void navigate({
              search: ({ team: _team, ...previous }) => ({ ...previous, ...(value ? { team: value } : {}) }),
            })
          }
        />
        <Checkbox
          label={rt("risk.filter.acknowledged")}
          checked={search.acknowledged === true}
          mb={8}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            void navigate({
              search: ({ acknowledged: _acknowledged, ...previous }) => ({
                ...previous,
                ...(checked ? { acknowledged: true as const } : {}),
              }),
            });
          }}
        />
      </Group>
      {done && (
        <Alert color="green" role="status" withCloseButton closeButtonLabel={t("app.close")} onClose={() => setDone(null)}>
          {rt("risk.ack.done", { client: done.client.name, until: formatDate(done.until) })}
        </Alert>
      )}
      {list.isPending && allowed && <Loader aria-label={rt("risk.title")} />}
      {list.error && (
        <Alert color="red" role="alert">
          {list.error instanceof ApiError && list.error.status === 403 ? rt("risk.forbidden") : list.error.message}
        </Alert>
      )}
      {list.data && (
        <>
          <Text fz="sm" aria-live="polite">
            {items.length === 0 ? rt("risk.empty") : items.length === 1 ? rt("risk.countOne") : rt("risk.count", { count: items.length })}
          </Text>
          {items.length > 0 && (
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
              {items.map((item) => (
                <RiskCard key={item.clientId} item={item} memberName={memberName} onAcknowledge={setAcknowledging} />
              ))}
            </Stack>
          )}
        </>
      )}
      <AcknowledgeDialog
        client={acknowledging}
        onClose={() => setAcknowledging(null)}
        onDone={(client, until) => {
          setAcknowledging(null);
          setDone({ client, until });
        }}
      />
    </Stack>
  );
}
