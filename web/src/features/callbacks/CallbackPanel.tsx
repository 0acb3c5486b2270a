import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { canActOnOthersCommitments } from "../../../../src/core/roles.ts";
import type { Callback } from "../../../../src/modules/callbacks/callbacks.schemas.ts";
import type { Commitment } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { ApiError, api, fieldError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMe } from "../auth/session.ts";
import { isActive, useDueFormat } from "../commitments/queries.ts";
import { ERROR_CONTRAST } from "./contrast.ts";
import { refreshAfterCallback, useCallbackRequest } from "./queries.ts";

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

const ROUTINGS = ["no_topic", "nobody_knows_topic", "experts_all_had_it"] as const;

/** Why the callback went to a team lead, from its latest routing in the history (older callbacks: unknown). */
function routingReasonOf(c: Callback): (typeof ROUTINGS)[number] | null {
  const last = [...(c.commitment.events ?? [])].reverse().find((e) => e.kind === "routed" || e.kind === "rerouted");
  const reason = last?.data.routing;
  return ROUTINGS.find((r) => r === reason) ?? null;
}

type Action = { kind: "accept" } | { kind: "attempt"; reached: boolean; note?: string } | { kind: "outcome"; outcome: string };

/**
 * For the colleague who calls back, on the promise page of a callback: who
 * called and how to reach them, the question, accepting it, each call attempt
 * and, at last, the answer given (which keeps the promise). Nothing when the
 * promise is no callback.
 */
export function CallbackPanel({ commitment }: { commitment: Pick<Commitment, "id" | "kind" | "status" | "owner"> }) {
  const { t } = useI18n();
  const me = useMe();
  const format = useDueFormat();
  const queryClient = useQueryClient();
  const callback = useCallbackRequest(commitment.id, commitment.kind === "callback");
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (action: Action) => {
      const base = `/api/v1/callbacks/${commitment.id}`;
      if (action.kind === "accept") return api<Callback>("POST", `${base}/accept`);
      if (action.kind === "attempt")
        return api<Callback>("POST", `${base}/attempts`, { reached: action.reached, ...(action.note && { note: action.note }) });
      return api<Callback>("POST", `${base}/outcome`, { outcome: action.outcome });
    },
    onSuccess: (saved, action) => {
      refreshAfterCallback(queryClient, saved);
      if (action.kind === "attempt") setNote("");
      setDone(
        action.kind === "accept"
          ? t("callbacks.panel.acceptedNow")
          : action.kind === "outcome"
            ? t("callbacks.panel.outcomeSaved")
            : action.reached
              ? t("callbacks.panel.reachedSaved")
              : t("callbacks.panel.notReachedSaved"),
      );
    },
    onError: (error) => {
      setDone(null);
      if (error instanceof ApiError && error.status === 409) {
        queryClient.invalidateQueries({ queryKey: ["callback", commitment.id] });
        queryClient.invalidateQueries({ queryKey: ["commitment", commitment.id] });
      }
    },
  });

  if (commitment.kind !== "callback") return null;
  // Not a callback after all (recorded as one by hand), or not found: the promise page says enough.
  if (callback.error instanceof ApiError && callback.error.status === 404) return null;
  if (callback.error) {
    return (
      <Alert color="red" role="alert">
        {callback.error.message}
      </Alert>
    );
  }
  if (!callback.data) return null;

  const c = callback.data;
  // The saved callback comes back before the promise is fetched again: whichever copy says closed wins,
  // so the answer form does not linger next to the answer it just saved.
  const active = isActive(commitment) && isActive(c.commitment);
  const mine = me.data?.id === commitment.owner.id;
  const canAct = me.data !== undefined && (mine || canActOnOthersCommitments(me.data.role));
  // Without a person (colleagues were alerted): whoever calls back may take it on.
  const withoutPerson = active && c.alertedAt !== null && c.alertReason !== null && !c.acceptedAt;
  const canAccept = active && !c.acceptedAt && (mine || (withoutPerson && me.data !== undefined && me.data.role !== "frontdesk"));
  const routing = routingReasonOf(c);
  const pending = (kind: Action["kind"], reached?: boolean) =>
    act.isPending &&
    act.variables?.kind === kind &&
    (reached === undefined || (act.variables.kind === "attempt" && act.variables.reached === reached));
  const submitOutcome = (event: FormEvent) => {
    event.preventDefault();
    act.mutate({ kind: "outcome", outcome });
  };

  return (
    <Card withBorder component="section" aria-labelledby="callback-panel" style={ERROR_CONTRAST}>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4" id="callback-panel">
          {t("callbacks.panel.title")}
        </Title>
        <Group gap={6}>
          {c.acceptedAt ? (
            <Badge color="#1f7a3a" variant="filled">
              {t("callbacks.panel.accepted")}
            </Badge>
          ) : (
            active && (
              <Badge color="#9a4700" variant="filled">
                {t("callbacks.panel.notAccepted")}
              </Badge>
            )
          )}
          {c.reachedAt && (
            <Badge color="#1f7a3a" variant="filled">
              {t("callbacks.panel.reached")}
            </Badge>
          )}
        </Group>
      </Group>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Field label={t("callbacks.caller")}>{c.callerName}</Field>
          <Field label={t("callbacks.field.phone")}>
            {c.callerPhone ? <Anchor href={`tel:${c.callerPhone.replace(/[^0-9+]/g, "")}`}>{c.callerPhone}</Anchor> : t("app.none")}
          </Field>
          <Field label={t("callbacks.field.email")}>
            {c.callerEmail ? <Anchor href={`mailto:${c.callerEmail}`}>{c.callerEmail}</Anchor> : t("app.none")}
          </Field>
          <Field label={t("callbacks.field.topic")}>{c.topic ?? t("app.none")}</Field>
          <Field label={t("callbacks.panel.attempts")}>{c.attempts}</Field>
          <Field label={t("callbacks.panel.acceptance")}>
            {c.acceptedAt
              ? t("callbacks.panel.acceptedAt", { time: format.moment(c.acceptedAt) })
              : c.acceptBy
                ? Date.parse(c.acceptBy) < format.now
                  ? t("callbacks.panel.acceptLate", { time: format.due(c.acceptBy) })
                  : t("callbacks.panel.acceptBy", { time: format.due(c.acceptBy) })
                : t("app.none")}
          </Field>
        </SimpleGrid>
        <Field label={t("callbacks.field.question")}>
          <Text style={{ whiteSpace: "pre-wrap" }}>{c.question}</Text>
        </Field>
        {c.routedToLead && <Text fz="sm">{routing ? t(`callbacks.panel.routing.${routing}`) : t("callbacks.panel.routedToLead")}</Text>}
        {withoutPerson && c.alertReason && c.alertedAt && (
          <Alert color="orange" role="note" title={t("callbacks.panel.withoutPerson")}>
            {t(`callbacks.panel.withoutPerson.${c.alertReason}`, { time: format.moment(c.alertedAt) })}
          </Alert>
        )}
        {canAccept && (
          <Group gap="sm">
            <Button loading={pending("accept")} onClick={() => act.mutate({ kind: "accept" })}>
              {t("callbacks.panel.accept")}
            </Button>
            {c.acceptBy && !withoutPerson && (
              <Text fz="sm" c="gray.7">
                {t("callbacks.panel.acceptHint", { time: format.due(c.acceptBy) })}
              </Text>
            )}
          </Group>
        )}
        {c.confirmationSent && <Text fz="sm">{t("callbacks.panel.confirmationSent")}</Text>}
        {c.outcome && (
          <Field label={t("callbacks.panel.outcome")}>
            <Text style={{ whiteSpace: "pre-wrap" }}>{c.outcome}</Text>
          </Field>
        )}

        {active && canAct && (
          <Stack gap="sm">
            <TextInput
              label={t("callbacks.panel.note")}
              description={t("callbacks.panel.noteHint")}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={fieldError(act.error, "note")}
              maw={560}
            />
            <Group gap="sm">
              <Button
                variant="default"
                loading={pending("attempt", false)}
                onClick={() => act.mutate({ kind: "attempt", reached: false, note: note.trim() })}
              >
                {t("callbacks.panel.notReachedButton")}
              </Button>
              <Button
                variant="default"
                loading={pending("attempt", true)}
                onClick={() => act.mutate({ kind: "attempt", reached: true, note: note.trim() })}
              >
                {t("callbacks.panel.reachedButton")}
              </Button>
            </Group>
            <form onSubmit={submitOutcome} noValidate>
              <Stack gap="xs" maw={640}>
                <Textarea
                  label={t("callbacks.panel.outcome")}
                  description={t("callbacks.panel.outcomeHint")}
                  required
                  autosize
                  minRows={2}
                  value={outcome}
                  onChange={(event) => setOutcome(event.currentTarget.value)}
                  error={fieldError(act.error, "outcome")}
                />
                <Group>
                  <Button type="submit" loading={pending("outcome")}>
                    {t("callbacks.panel.outcomeSubmit")}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Stack>
        )}
        <Text role="status" fz="sm" fw={600}>
          {done ?? ""}
        </Text>
        {act.error && !fieldError(act.error, "note") && !fieldError(act.error, "outcome") && (
          <Alert color={act.error instanceof ApiError && act.error.status === 409 ? "yellow" : "red"} role="alert">
            {act.error.message}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
