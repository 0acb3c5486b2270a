import { Alert, Anchor, Button, Card, Group, Loader, Modal, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link, useParams } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { canActOnOthersCommitments } from "../../../../src/core/roles.ts";
import { ApiError, fieldError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useMe } from "../auth/session.ts";
import { CallbackPanel } from "../callbacks/CallbackPanel.tsx";
import { CommitmentBadges } from "./CommitmentBadges.tsx";
import { BreakDialog, CancelDialog, InformClientDialog, MoveDueDialog, ReassignDialog } from "./CommitmentDialogs.tsx";
import { CommitmentStory } from "./CommitmentStory.tsx";
import { MarkDoneButton } from "./MarkDone.tsx";
import { isActive, useCommitment, useDueFormat } from "./queries.ts";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text fz="xs" c="gray.7" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

type Dialog = "move" | "inform" | "break" | "cancel" | "reassign";
const DIALOG_TITLES = {
  move: "commitments.action.move",
  inform: "commitments.action.inform",
  break: "commitments.action.break",
  cancel: "commitments.action.cancel",
  reassign: "commitments.action.reassign",
} as const;

/** One promise: what, to whom, by when, its state, everything that happened, and what can be done now. */
export function CommitmentPage() {
  const { t } = useI18n();
  const { id } = useParams({ from: "/app/commitments/$id" });
  const me = useMe();
  const commitment = useCommitment(id);
  const format = useDueFormat();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // The title stays while a closing dialog fades.
  const [titled, setTitled] = useState<Dialog>("move");
  const open = (next: Dialog) => {
    setTitled(next);
    setDialog(next);
  };
  usePageTitle(commitment.data?.title ?? t("commitments.one"));

  if (commitment.isPending) return <Loader aria-label={t("app.loading")} />;
  if (commitment.error || !commitment.data) {
    const error = commitment.error;
    const missing = error instanceof ApiError && (error.status === 404 || (error.status === 400 && fieldError(error, "id") !== undefined));
    return (
      <Stack>
        <Anchor component={Link} to="/my-day" fz="sm">
          ← {t("myday.title")}
        </Anchor>
        <Title order={1}>{t("app.error")}</Title>
        <Alert color="red" role="alert">
          {missing ? t("commitments.notFound") : error?.message}
        </Alert>
      </Stack>
    );
  }

  const c = commitment.data;
  const active = isActive(c);
  const canAct = me.data !== undefined && (me.data.id === c.owner.id || canActOnOthersCommitments(me.data.role));
  const close = () => setDialog(null);
  const slipping = active && (c.overdue || c.atRisk);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/clients/${c.clientId}`} fz="sm">
        ← {c.clientName}
      </Anchor>
      <div>
        <Text fz="sm" c="gray.7" fw={600}>
          {t("commitments.one")}
        </Text>
        <Group gap="sm" align="center">
          <Title order={1}>{c.title}</Title>
          <CommitmentBadges commitment={c} />
        </Group>
        <Text c="gray.7" fz="sm">
          {active
            ? t("commitments.dueLine", { due: format.due(c.dueAt), relative: format.relative(c.dueAt) })
            : t("commitments.closedLine", { date: format.moment(c.closedAt ?? c.dueAt) })}
        </Text>
      </div>

      {slipping && canAct && (
        <Alert
          color={c.overdue ? "red" : "orange"}
          title={c.overdue ? t("commitments.callout.overdueTitle") : t("commitments.callout.title")}
        >
          <Stack gap="xs" align="flex-start">
            <Text fz="sm">{c.overdue ? t("commitments.callout.overdueText") : t("commitments.callout.text")}</Text>
            <Button onClick={() => open("inform")}>{t("commitments.action.inform")}</Button>
          </Stack>
        </Alert>
      )}

      {active && canAct && (
        <Group gap="sm">
          <MarkDoneButton commitment={c} label={t("commitments.action.complete")} />
          <Button variant="default" onClick={() => open("move")}>
            {t("commitments.action.move")}
          </Button>
          {!slipping && (
            <Button variant="default" onClick={() => open("inform")}>
              {t("commitments.action.inform")}
            </Button>
          )}
          <Button variant="default" onClick={() => open("reassign")}>
            {t("commitments.action.reassign")}
          </Button>
          <Button variant="default" color="red.9" onClick={() => open("break")}>
            {t("commitments.action.break")}
          </Button>
          <Button variant="default" color="red.9" onClick={() => open("cancel")}>
            {t("commitments.action.cancel")}
          </Button>
        </Group>
      )}
      {active && !canAct && <Text c="gray.7">{t("commitments.notYours")}</Text>}

      {c.kind === "callback" && <CallbackPanel commitment={c} />}

      <Card withBorder component="section" aria-labelledby="commitment-details">
        <Title order={2} fz="h4" id="commitment-details" mb="sm">
          {t("clients.details")}
        </Title>
        <Stack gap="md">
          <Field label={t("commitments.field.doneWhen")}>
            <Text style={{ whiteSpace: "pre-wrap" }}>{c.doneWhen}</Text>
          </Field>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Field label={t("commitments.field.client")}>
              <Anchor component={Link} to={`/clients/${c.clientId}`}>
                {c.clientName}
              </Anchor>
            </Field>
            <Field label={t("commitments.field.contact")}>{c.contact?.name ?? t("app.none")}</Field>
            <Field label={t("commitments.field.owner")}>{c.owner.name}</Field>
            <Field label={t("commitments.field.source")}>{t(`commitments.source.${c.source}`)}</Field>
            <Field label={t("commitments.field.kind")}>{t(`commitments.kind.${c.kind}`)}</Field>
            <Field label={t("commitments.field.status")}>{t(`commitments.status.${c.status}`)}</Field>
            <Field label={t("commitments.field.dueAt")}>{format.due(c.dueAt)}</Field>
            {c.originalDueAt !== c.dueAt && <Field label={t("commitments.field.originalDue")}>{format.due(c.originalDueAt)}</Field>}
            {c.renegotiationCount > 0 && <Field label={t("commitments.field.renegotiations")}>{c.renegotiationCount}</Field>}
            <Field label={t("commitments.field.recorded")}>{format.moment(c.createdAt)}</Field>
            {c.closedAt && <Field label={t("commitments.field.closedAt")}>{format.moment(c.closedAt)}</Field>}
          </SimpleGrid>
          {c.recordedAfterDue && <Text fz="sm">{t("commitments.recordedAfterDue")}</Text>}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="commitment-story">
        <Title order={2} fz="h4" id="commitment-story" mb="sm">
          {t("commitments.story")}
        </Title>
        <CommitmentStory events={c.events ?? []} ownerName={c.owner.name} />
      </Card>

      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={dialog !== null}
        onClose={close}
        title={t(DIALOG_TITLES[dialog ?? titled])}
        size={dialog === "inform" ? "xl" : "lg"}
      >
        {dialog === "move" && <MoveDueDialog commitment={c} onClose={close} />}
        {dialog === "inform" && <InformClientDialog commitment={c} onClose={close} />}
        {dialog === "break" && <BreakDialog commitment={c} onClose={close} />}
        {dialog === "cancel" && <CancelDialog commitment={c} onClose={close} />}
        {dialog === "reassign" && <ReassignDialog commitment={c} onClose={close} />}
      </Modal>
    </Stack>
  );
}
