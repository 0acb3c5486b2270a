import { Alert, Box, Button, Card, Group, Loader, Radio, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { canSeeTeamFigures } from "../../../../src/core/roles.ts";
import { TRUST_CORES, type TrustCore } from "../../../../src/core/trust/cores.ts";
import { EVIDENCE_KINDS } from "../../../../src/core/trust/weights.ts";
import type { Team } from "../../../../src/modules/teams/teams.schemas.ts";
import {
  type SelfAssessments,
  selfAssessmentBody,
  type TeamTrustProfile,
  type TrustProfile,
} from "../../../../src/modules/trust/trust.profile.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import type { MessageKey } from "../../i18n/en.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useMe } from "../auth/session.ts";

const ANSWERS = ["1", "2", "3", "4", "5"] as const;
type Values = Record<TrustCore, string> & { note: string };
const FIELDS = [...TRUST_CORES, "note"];

/** The form's answers as the API takes them: a chosen answer as a number, none as missing. */
const toBody = (values: Values) => ({
  ...Object.fromEntries(TRUST_CORES.map((core) => [core, values[core] === "" ? null : Number(values[core])])),
  ...(values.note.trim() ? { note: values.note } : {}),
});

function usePercent() {
  const { locale } = useI18n();
  const format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return (value: number) => format.format(value);
}

/** One horizontal bar on a 0–100 % scale (decorative: the table below says the same). */
function Bar({ value, colour, label }: { value: number; colour: string; label: string }) {
  const percent = usePercent();
  return (
    <Group gap="xs" wrap="nowrap">
      <Text fz="xs" w={96} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Box h={12} style={{ flex: 1, background: "var(--mantine-color-gray-2)", borderRadius: 6, overflow: "hidden" }}>
        <Box h="100%" w={`${Math.round(value * 100)}%`} style={{ background: colour }} />
      </Box>
      <Text fz="xs" w={44} ta="right" style={{ flexShrink: 0 }}>
        {percent(value)}
      </Text>
    </Group>
  );
}

function Comparison({ profile }: { profile: TrustProfile }) {
  const { t, formatNumber } = useI18n();
  const percent = usePercent();
  const previous = profile.selfAssessment.previous;
  const points = (gap: number) => formatNumber(Math.round(gap * 100));
  const { evidence, self } = profile.comparison;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-compare">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="profile-compare">
          {t("profile.compare.title")}
        </Title>
        <Text fz="sm">
          {evidence.characterLags ? t("profile.lag.evidence.yes", { points: points(evidence.gap) }) : t("profile.lag.evidence.no")}
        </Text>
        <Text fz="sm">
          {self === null
            ? t("profile.lag.self.none")
            : self.characterLags
              ? t("profile.lag.self.yes", { points: points(self.gap) })
              : t("profile.lag.self.no")}
        </Text>
        <div aria-hidden="true">
          <Text fz="xs" c="gray.7" mb={4}>
            {t("profile.compare.chart")}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {TRUST_CORES.map((core) => (
              <Stack key={core} gap={4}>
                <Text fw={600} fz="sm">
                  {t(`profile.core.${core}`)}
                </Text>
                <Bar
                  value={profile.comparison.cores[core].evidence}
                  colour="var(--mantine-color-brand-7)"
                  label={t("profile.compare.evidence")}
                />
                {profile.comparison.cores[core].self !== null && (
                  <Bar
                    value={profile.comparison.cores[core].self ?? 0}
                    colour="var(--mantine-color-grape-7)"
                    label={t("profile.compare.self")}
                  />
                )}
              </Stack>
            ))}
          </SimpleGrid>
        </div>
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" captionSide="top">
            <Table.Caption>{t("profile.compare.table")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("profile.compare.core")}</Table.Th>
                <Table.Th scope="col">{t("profile.compare.evidence")}</Table.Th>
                <Table.Th scope="col">{t("profile.compare.uncertainty")}</Table.Th>
                <Table.Th scope="col">{t("profile.compare.facts")}</Table.Th>
                <Table.Th scope="col">{t("profile.compare.self")}</Table.Th>
                {previous && <Table.Th scope="col">{t("profile.compare.previous")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {TRUST_CORES.map((core) => {
                const compared = profile.comparison.cores[core];
                return (
                  <Table.Tr key={core}>
                    <Table.Th scope="row">{t(`profile.core.${core}`)}</Table.Th>
                    <Table.Td>{percent(compared.evidence)}</Table.Td>
                    <Table.Td>± {percent(profile.cores[core].uncertainty / 2)}</Table.Td>
                    <Table.Td>{formatNumber(profile.cores[core].evidenceCount)}</Table.Td>
                    <Table.Td>{compared.self === null ? t("profile.compare.none") : percent(compared.self)}</Table.Td>
                    {previous && <Table.Td>{percent((previous[core] - 1) / 4)}</Table.Td>}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

function Evidence({ profile }: { profile: TrustProfile }) {
  const { t, formatNumber, formatDate } = useI18n();
  const kinds = Object.entries(profile.kinds);
  const kindLabel = (kind: string) => (NAMED_KINDS.has(kind) ? t(`profile.kind.${kind}` as MessageKey) : kind);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-kinds">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="profile-kinds">
          {t("profile.kinds.title")}
        </Title>
        {kinds.length === 0 ? (
          <Text fz="sm">{t("profile.kinds.empty")}</Text>
        ) : (
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("profile.kinds.kind")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("profile.kinds.count")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {kinds.map(([kind, count]) => (
                <Table.Tr key={kind}>
                  <Table.Td>{kindLabel(kind)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {profile.recent.length > 0 && (
          <>
            <Title order={3} fz="h5">
              {t("profile.recent.title")}
            </Title>
            <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: "none" }}>
              {profile.recent.map((item) => (
                <li key={item.id}>
                  <Text fz="sm">{item.explanation}</Text>
                  <Text fz="xs" c="gray.7">
                    {item.client.name} · {formatDate(item.occurredAt)}
                  </Text>
                </li>
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** Every kind of evidence the catalog has a name for. */
const NAMED_KINDS: ReadonlySet<string> = new Set(EVIDENCE_KINDS);

function SelfAssessmentForm({ assessments }: { assessments: SelfAssessments }) {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const latest = assessments.latest;
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      integrity: latest ? String(latest.integrity) : "",
      intent: latest ? String(latest.intent) : "",
      capabilities: latest ? String(latest.capabilities) : "",
      results: latest ? String(latest.results) : "",
      note: "",
    },
    // The API's own schema, its issues in the UI's words, before anything is sent.
    validate: (values) => zodErrors(selfAssessmentBody, toBody(values), t),
  });
  const save = useMutation({
    mutationFn: (values: Values) => api<SelfAssessments>("PUT", "/api/v1/me/self-assessment", toBody(values)),
    onSuccess: () => {
      setSaved(true);
      form.setFieldValue("note", "");
      void queryClient.invalidateQueries({ queryKey: ["trust-profile"] });
    },
  });
  const alert = formError(save.error, FIELDS);
  const previous = assessments.previous;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-assess">
      <form
        onSubmit={form.onSubmit((values) => {
          setSaved(false);
          save.mutate(values);
        })}
        noValidate
      >
        <Stack gap="sm">
          <Title order={2} fz="h4" id="profile-assess">
            {t("profile.assess.title")}
          </Title>
          <Text fz="sm">{t("profile.assess.intro")}</Text>
          <Text fz="sm" c="gray.7">
            {latest && previous
              ? t("profile.assess.previous", { date: formatDateTime(latest.createdAt), previous: formatDateTime(previous.createdAt) })
              : latest
                ? t("profile.assess.latest", { date: formatDateTime(latest.createdAt) })
                : t("profile.assess.never")}
          </Text>
          {alert && (
            <Alert color="red" role="alert">
              {alert}
            </Alert>
          )}
          {TRUST_CORES.map((core) => (
            <Radio.Group
              key={core}
              label={t(`profile.assess.${core}`)}
              required
              {...form.getInputProps(core)}
              error={(form.errors[core] as string | undefined) ?? fieldError(save.error, core)}
            >
              <Group gap="lg" mt={6}>
                {ANSWERS.map((answer) => (
                  <Radio key={answer} value={answer} label={answer} />
                ))}
              </Group>
            </Radio.Group>
          ))}
          <Textarea
            label={t("profile.assess.note")}
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps("note")}
            error={(form.errors.note as string | undefined) ?? fieldError(save.error, "note")}
          />
          <Group justify="flex-end" gap="sm">
            {saved && (
              <Text fz="sm" fw={600} role="status">
                {t("profile.assess.saved")}
              </Text>
            )}
            <Button type="submit" loading={save.isPending}>
              {t("profile.assess.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Leads and admins: a team's evidence added together, never per person. */
function TeamProfile() {
  const { t, formatNumber } = useI18n();
  const percent = usePercent();
  const teams = useQuery({ queryKey: ["teams"], queryFn: () => api<{ items: Team[] }>("GET", "/api/v1/teams").then((r) => r.items) });
  const [teamId, setTeamId] = useState<string | null>(null);
  const chosen = teamId ?? teams.data?.[0]?.id ?? null;
  const profile = useQuery({
    queryKey: ["team-trust-profile", chosen],
    queryFn: () => api<TeamTrustProfile>("GET", `/api/v1/teams/${chosen}/trust-profile`),
    enabled: chosen !== null,
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-team">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="profile-team">
          {t("profile.team.title")}
        </Title>
        <Text fz="sm">{t("profile.team.intro", { minimum: 3 })}</Text>
        {teams.data && teams.data.length === 0 && <Text fz="sm">{t("profile.team.empty")}</Text>}
        {teams.data && teams.data.length > 0 && (
          <Select
            label={t("profile.team.select")}
            data={teams.data.map((team) => ({ value: team.id, label: team.name }))}
            value={chosen}
            onChange={setTeamId}
            allowDeselect={false}
            w={300}
          />
        )}
        {profile.data && !profile.data.available && (
          <Text fz="sm" role="status">
            {t("profile.team.unavailable", { minimum: profile.data.minimumMembers })}
          </Text>
        )}
        {profile.data?.available && profile.data.cores && (
          <>
            <Text fz="sm">{t("profile.team.members", { count: formatNumber(profile.data.membersWithEvidence ?? 0) })}</Text>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("profile.compare.core")}</Table.Th>
                  <Table.Th scope="col">{t("profile.compare.evidence")}</Table.Th>
                  <Table.Th scope="col">{t("profile.compare.uncertainty")}</Table.Th>
                  <Table.Th scope="col">{t("profile.compare.facts")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {TRUST_CORES.map((core) => {
                  const reading = profile.data.cores?.[core];
                  return (
                    <Table.Tr key={core}>
                      <Table.Th scope="row">{t(`profile.core.${core}`)}</Table.Th>
                      <Table.Td>{reading ? percent(reading.score) : t("profile.compare.none")}</Table.Td>
                      <Table.Td>{reading ? `± ${percent(reading.uncertainty / 2)}` : t("profile.compare.none")}</Table.Td>
                      <Table.Td>{reading ? formatNumber(reading.evidenceCount) : t("profile.compare.none")}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Card>
  );
}

/**
 * "My trust profile": one's own evidence across all clients per core, beside
 * one's own view of oneself, and where character lags competence. Private:
 * the page only ever asks for the signed-in person's own profile.
 */
export function TrustProfilePage() {
  const { t } = useI18n();
  const me = useMe();
  usePageTitle(t("profile.title"));
  const profile = useQuery({
    queryKey: ["trust-profile"],
    queryFn: () => api<TrustProfile>("GET", "/api/v1/me/trust-profile"),
    retry: false,
  });
  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={1}>{t("profile.title")}</Title>
        <Text c="gray.7" fz="sm">
          {t("profile.intro")}
        </Text>
      </div>
      {profile.isPending && <Loader aria-label={t("app.loading")} />}
      {profile.error && (
        <Alert color="red" role="alert">
          {profile.error.message}
        </Alert>
      )}
      {profile.data && (
        <>
          <Comparison profile={profile.data} />
          {/* Mounted once the profile is there: it starts from the latest answers and keeps what is typed after saving. */}
          <SelfAssessmentForm assessments={profile.data.selfAssessment} />
          <Evidence profile={profile.data} />
        </>
      )}
      {me.data && canSeeTeamFigures(me.data.role) && <TeamProfile />}
    </Stack>
  );
}
