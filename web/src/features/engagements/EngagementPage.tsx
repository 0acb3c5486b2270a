import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link, useParams } from "@tanstack/react-router";
import { canSeeTrust } from "../../../../src/core/roles.ts";
import {
  adviceBody,
  analysisBody,
  declineBody,
  disagreementBody,
  type Engagement,
  RESOLVED_BY,
} from "../../../../src/modules/engagements/engagements.schemas.ts";
import { fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useMe } from "../auth/session.ts";
import { useDecline, useEngagement, useMoveStage, useRecordAdvice, useRecordAnalysis, useRecordDisagreement } from "./queries.ts";

const optional = (value: string) => (value.trim() === "" ? undefined : value);

type AnalysisValues = {
  realNeed: string;
  rootCauses: string;
  stakeholders: string;
  risks: string;
  successLooksLike: string;
  advice: string;
  secondLook: boolean;
};
const analysisOf = (values: AnalysisValues) => ({
  ...values,
  stakeholders: optional(values.stakeholders),
  successLooksLike: optional(values.successLooksLike),
});

function AnalysisForm({ engagement }: { engagement: Engagement }) {
  const { t } = useI18n();
  const save = useRecordAnalysis(engagement.id);
  const a = engagement.analysis;
  const form = useForm<AnalysisValues>({
    mode: "controlled",
    initialValues: {
      realNeed: a?.realNeed ?? "",
      rootCauses: a?.rootCauses ?? "",
      stakeholders: a?.stakeholders ?? "",
      risks: a?.risks ?? "",
      successLooksLike: a?.successLooksLike ?? "",
      advice: a?.advice ?? "",
      secondLook: a?.secondLook ?? false,
    },
    validate: (values) => zodErrors(analysisBody, analysisOf(values), t),
  });
  const input = (key: keyof AnalysisValues) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(save.error, key),
  });
  const alert = formError(save.error, Object.keys(form.values));
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(analysisOf(values)))} noValidate aria-label={t("engagements.analysis.title")}>
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t("engagements.analysis.saved")}
          </Alert>
        )}
        <Textarea label={t("engagements.analysis.realNeed")} required autosize minRows={2} {...input("realNeed")} />
        <Textarea label={t("engagements.analysis.rootCauses")} required autosize minRows={1} {...input("rootCauses")} />
        <Textarea label={t("engagements.analysis.stakeholders")} autosize minRows={1} {...input("stakeholders")} />
        <Textarea label={t("engagements.analysis.risks")} required autosize minRows={1} {...input("risks")} />
        <Textarea label={t("engagements.analysis.successLooksLike")} autosize minRows={1} {...input("successLooksLike")} />
        <Textarea label={t("engagements.analysis.advice")} required autosize minRows={1} {...input("advice")} />
        <Checkbox label={t("engagements.analysis.secondLook")} {...form.getInputProps("secondLook", { type: "checkbox" })} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t("engagements.analysis.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeclineForm({ engagement }: { engagement: Engagement }) {
  const { t } = useI18n();
  const decline = useDecline(engagement.id);
  const form = useForm({
    mode: "controlled",
    initialValues: { reason: "", referral: "" },
    validate: (values) => zodErrors(declineBody, { reason: values.reason, referral: optional(values.referral) }, t),
  });
  const alert = formError(decline.error, ["reason", "referral"]);
  return (
    <form
      onSubmit={form.onSubmit((values) => decline.mutate({ reason: values.reason, referral: optional(values.referral) }))}
      noValidate
      aria-label={t("engagements.decline.title")}
    >
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t("engagements.decline.title")}
        </Title>
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <Textarea label={t("engagements.decline.reason")} required autosize minRows={1} {...form.getInputProps("reason")} />
        <Textarea label={t("engagements.decline.referral")} autosize minRows={1} {...form.getInputProps("referral")} />
        <Group justify="flex-end">
          <Button type="submit" color="red" variant="light" loading={decline.isPending}>
            {t("engagements.decline.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AdviceForm({ engagement }: { engagement: Engagement }) {
  const { t } = useI18n();
  const record = useRecordAdvice(engagement.id);
  const form = useForm<{ advice: string; forgone: number | string }>({
    mode: "controlled",
    initialValues: { advice: "", forgone: "" },
    validate: (values) => zodErrors(adviceBody, bodyOf(values), t, (path) => (path === "revenueForgoneCents" ? "forgone" : path)),
  });
  function bodyOf(values: { advice: string; forgone: number | string }) {
    return {
      advice: values.advice,
      againstOwnRevenue: true,
      ...(typeof values.forgone === "number" ? { revenueForgoneCents: Math.round(values.forgone * 100) } : {}),
    };
  }
  const alert = formError(record.error, ["advice", "revenueForgoneCents"]);
  return (
    <form
      onSubmit={form.onSubmit((values) => record.mutate(bodyOf(values), { onSuccess: () => form.reset() }))}
      noValidate
      aria-label={t("engagements.advice.title")}
    >
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t("engagements.advice.title")}
        </Title>
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <Textarea label={t("engagements.advice.text")} required autosize minRows={1} {...form.getInputProps("advice")} />
        <NumberInput label={t("engagements.advice.forgone")} min={0} decimalScale={2} {...form.getInputProps("forgone")} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={record.isPending}>
            {t("engagements.advice.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisagreementForm({ engagement }: { engagement: Engagement }) {
  const { t } = useI18n();
  const record = useRecordDisagreement(engagement.id);
  const form = useForm<{ summary: string; resolvedBy: string | null }>({
    mode: "controlled",
    initialValues: { summary: "", resolvedBy: "dialogue" },
    validate: (values) => zodErrors(disagreementBody, values, t),
  });
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        record.mutate({ summary: values.summary, resolvedBy: values.resolvedBy as "dialogue" }, { onSuccess: () => form.reset() }),
      )}
      noValidate
      aria-label={t("engagements.disagreements.submit")}
    >
      <Stack gap="sm">
        <Textarea label={t("engagements.disagreements.summary")} required autosize minRows={1} {...form.getInputProps("summary")} />
        <Select
          label={t("engagements.disagreements.resolvedBy")}
          required
          allowDeselect={false}
          data={RESOLVED_BY.map((value) => ({ value, label: t(`engagements.resolvedBy.${value}`) }))}
          {...form.getInputProps("resolvedBy")}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={record.isPending}>
            {t("engagements.disagreements.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One engagement: the request, the analysis with the second look, the next stage (the gate's reason shown), and the honest no. */
export function EngagementPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, locale, formatDate } = useI18n();
  const me = useMe();
  const engagement = useEngagement(id);
  const move = useMoveStage(id);
  usePageTitle(engagement.data?.title ?? t("engagements.title"));
  if (engagement.isLoading) return <Loader />;
  if (!engagement.data) {
    return (
      <Alert color="red" role="alert">
        {engagement.error instanceof Error ? engagement.error.message : ""}
      </Alert>
    );
  }
  const e = engagement.data;
  const adviser = me.data ? canSeeTrust(me.data.role) : false;
  const open = e.stage !== "closed" && e.stage !== "declined";
  const euro = (cents: number) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(cents / 100);
  return (
    <Stack>
      <Anchor component={Link} to="/engagements" fz="sm">
        {t("engagements.back")}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} style={{ overflowWrap: "anywhere" }}>
          {e.title}
        </Title>
        <Badge size="lg" variant="light" styles={{ label: { color: "var(--mantine-color-dark-8)" } }}>
          {t(`engagements.stage.${e.stage}`)}
        </Badge>
      </Group>
      <Text>
        <Anchor component={Link} to={`/clients/${e.clientId}`} underline="always">
          {e.clientName}
        </Anchor>
        {" · "}
        {t(`engagements.initiatedBy.${e.initiatedBy}`)} · {t("engagements.owner", { name: e.ownerName ?? "" })}
        {e.teamName ? ` · ${e.teamName}` : ""}
        {e.valueCents !== null ? ` · ${euro(e.valueCents)}` : ""}
      </Text>
      <Card withBorder component="section" aria-labelledby="engagement-request">
        <Title order={2} fz="h4" id="engagement-request">
          {t("engagements.request")}
        </Title>
        <Text style={{ whiteSpace: "pre-wrap" }}>{e.request}</Text>
      </Card>
      {e.decline && (
        <Alert color="gray" role="status">
          {t("engagements.decline.done", { reason: e.decline.reason })}
          {e.decline.referral ? ` · ${t("engagements.decline.referredTo", { referral: e.decline.referral })}` : ""}
        </Alert>
      )}
      {adviser && open && e.nextStage && (
        <Card withBorder component="section" aria-label={t("engagements.moveTo", { stage: t(`engagements.stage.${e.nextStage}`) })}>
          <Stack gap="xs">
            <Text fz="sm" c={e.canContract ? "green.9" : "gray.7"}>
              {e.canContract ? t("engagements.gate.open") : t("engagements.gate.shut")}
            </Text>
            {move.error && (
              <Alert color="red" role="alert">
                {formError(move.error, [])}
              </Alert>
            )}
            <Group>
              <Button onClick={() => move.mutate(e.nextStage as string)} loading={move.isPending}>
                {t("engagements.moveTo", { stage: t(`engagements.stage.${e.nextStage}`) })}
              </Button>
              {e.nextStage !== "contracted" && (e.stage === "request" || e.stage === "analysis" || e.stage === "proposal") && (
                <Button variant="default" onClick={() => move.mutate("contracted")} loading={move.isPending}>
                  {t("engagements.moveTo", { stage: t("engagements.stage.contracted") })}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      {adviser && (
        <Card withBorder component="section" aria-labelledby="engagement-analysis">
          <Stack gap="sm">
            <Title order={2} fz="h4" id="engagement-analysis">
              {t("engagements.analysis.title")}
            </Title>
            {open ? <AnalysisForm engagement={e} /> : <Text style={{ whiteSpace: "pre-wrap" }}>{e.analysis?.realNeed ?? ""}</Text>}
          </Stack>
        </Card>
      )}
      {adviser && (
        <Card withBorder component="section" aria-labelledby="engagement-advice">
          <Stack gap="xs">
            <span id="engagement-advice" hidden>
              {t("engagements.advice.title")}
            </span>
            {e.adviceGiven.map((advice) => (
              <Text key={advice.id} fz="sm">
                {formatDate(advice.recordedAt)}: {advice.advice}
                {advice.revenueForgoneCents !== null
                  ? ` · ${t("engagements.advice.forgoneShown", { amount: euro(advice.revenueForgoneCents) })}`
                  : ""}
              </Text>
            ))}
            <AdviceForm engagement={e} />
          </Stack>
        </Card>
      )}
      {adviser && (
        <Card withBorder component="section" aria-labelledby="engagement-disagreements">
          <Stack gap="xs">
            <Title order={2} fz="h4" id="engagement-disagreements">
              {t("engagements.disagreements.title")}
            </Title>
            {e.disagreements.length === 0 ? (
              <Text fz="sm">{t("engagements.disagreements.empty")}</Text>
            ) : (
              e.disagreements.map((item) => (
                <Text key={item.id} fz="sm" c={item.resolvedBy === "contract" ? "red.9" : undefined}>
                  {formatDate(item.recordedAt)}: {item.summary} · {t(`engagements.resolvedBy.${item.resolvedBy}`)}
                </Text>
              ))
            )}
            <DisagreementForm engagement={e} />
          </Stack>
        </Card>
      )}
      {adviser && (e.stage === "request" || e.stage === "analysis" || e.stage === "proposal") && (
        <Card withBorder component="section">
          <DeclineForm engagement={e} />
        </Card>
      )}
    </Stack>
  );
}
