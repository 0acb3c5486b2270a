import { Anchor, Badge, Button, Card, Group, Loader, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { STAGES } from "../../../../src/core/engagements/stages.ts";
import { canSeeTrust } from "../../../../src/core/roles.ts";
import type { Engagement } from "../../../../src/modules/engagements/engagements.schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useMe } from "../auth/session.ts";
import { useMembers } from "../settings/members/queries.ts";
import { CreateEngagementForm } from "./CreateEngagementForm.tsx";
import { useEngagements, usePullRatio } from "./queries.ts";

function EngagementCard({ engagement }: { engagement: Engagement }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="li" padding="sm">
      <Stack gap={4}>
        <Anchor component={Link} to={`/engagements/${engagement.id}`} fw={600} style={{ overflowWrap: "anywhere" }}>
          {engagement.title}
        </Anchor>
        <Text fz="sm">{engagement.clientName}</Text>
        <Text fz="xs" c="gray.7">
          {t(`engagements.initiatedBy.${engagement.initiatedBy}`)} · {engagement.ownerName ?? ""}
        </Text>
      </Stack>
    </Card>
  );
}

/** The pull ratio per team and quarter; a falling ratio is a warning. */
export function PullRatioSection() {
  const { t, locale } = useI18n();
  const me = useMe();
  const allowed = me.data ? canSeeTrust(me.data.role) : false;
  const ratio = usePullRatio("team", allowed);
  if (!allowed) return null;
  const pct = (value: number | null) =>
    value === null ? "–" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value);
  return (
    <Card withBorder component="section" aria-labelledby="pull-ratio">
      <Stack gap="xs">
        <Title order={2} fz="h4" id="pull-ratio">
          {t("engagements.pull.title")}
        </Title>
        <Text fz="sm" c="gray.7">
          {t("engagements.pull.intro")}
        </Text>
        {ratio.isLoading ? (
          <Loader size="sm" />
        ) : (ratio.data?.groups ?? []).length === 0 ? (
          <Text fz="sm">{t("engagements.pull.none")}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("engagements.pull.group")}</Table.Th>
                <Table.Th>{t("engagements.pull.ratio")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(ratio.data?.groups ?? []).map((group) => (
                <Table.Tr key={group.id ?? "none"}>
                  <Table.Td>{group.name ?? t("engagements.pull.noTeam")}</Table.Td>
                  <Table.Td>
                    {pct(group.ratio)} ({group.quarters.map((quarter) => `${quarter.quarter}: ${pct(quarter.ratio)}`).join(", ")})
                  </Table.Td>
                  <Table.Td>
                    {group.falling && (
                      <Badge color="red" variant="light" styles={{ label: { color: "var(--mantine-color-dark-8)" } }}>
                        {t("engagements.pull.falling")}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

/** Engagements as a board by stage, filtered by owner or team; a request is taken in here. */
export function EngagementsPage() {
  const { t } = useI18n();
  usePageTitle(t("engagements.title"));
  const navigate = useNavigate();
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const members = useMembers();
  const engagements = useEngagements({ ownerId: ownerId ?? undefined, teamId: teamId ?? undefined });
  const teams = new Map<string, string>();
  for (const member of members.data ?? []) for (const team of member.teams) teams.set(team.id, team.name);
  const columns = [...STAGES, "declined"] as const;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("engagements.title")}</Title>
        {!creating && <Button onClick={() => setCreating(true)}>{t("engagements.new")}</Button>}
      </Group>
      <Text c="gray.7">{t("engagements.intro")}</Text>
      {creating && (
        <Card withBorder>
          <CreateEngagementForm
            onCancel={() => setCreating(false)}
            onSaved={(engagement) => navigate({ to: `/engagements/${engagement.id}` })}
          />
        </Card>
      )}
      <Group>
        <Select
          label={t("engagements.filter.owner")}
          clearable
          data={(members.data ?? []).map((member) => ({ value: member.id, label: member.name }))}
          value={ownerId}
          onChange={setOwnerId}
        />
        <Select
          label={t("engagements.filter.team")}
          clearable
          data={[...teams.entries()].map(([value, label]) => ({ value, label }))}
          value={teamId}
          onChange={setTeamId}
        />
      </Group>
      {engagements.isLoading ? (
        <Loader />
      ) : (engagements.data ?? []).length === 0 ? (
        <Text>{t("engagements.empty")}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {columns.map((stage) => {
            const items = (engagements.data ?? []).filter((engagement) => engagement.stage === stage);
            return (
              <Stack key={stage} gap="xs" component="section" aria-label={t(`engagements.stage.${stage}`)}>
                <Title order={2} fz="h5">
                  {t(`engagements.stage.${stage}`)} ({items.length})
                </Title>
                <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
                  {items.map((engagement) => (
                    <EngagementCard key={engagement.id} engagement={engagement} />
                  ))}
                </Stack>
              </Stack>
            );
          })}
        </SimpleGrid>
      )}
      <PullRatioSection />
    </Stack>
  );
}
