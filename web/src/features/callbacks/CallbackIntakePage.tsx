import {
  Alert,
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Kbd,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, type KeyboardEvent, type RefObject, useEffect, useRef, useState } from "react";
import type { Callback, CallbackPreview } from "../../../../src/modules/callbacks/callbacks.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useDueFormat } from "../commitments/queries.ts";
import { useMembers } from "../settings/members/queries.ts";
import { type Caller, CallerSearch } from "./CallerSearch.tsx";
import { ERROR_CONTRAST } from "./contrast.ts";
import { refreshAfterCallback, useCallbackPreview } from "./queries.ts";

type Field =
  | "caller"
  | "newCaller.name"
  | "newCaller.phone"
  | "newCaller.email"
  | "newCaller.company"
  | "question"
  | "readBack"
  | "topic"
  | "expertId"
  | "callbackPhone"
  | "confirmationEmail";

/** In the order of the form: the first one with an error gets the focus. */
const FIELDS: readonly Field[] = [
  "caller",
  "newCaller.name",
  "newCaller.phone",
  "newCaller.email",
  "newCaller.company",
  "question",
  "readBack",
  "topic",
  "expertId",
  "callbackPhone",
  "confirmationEmail",
];

/** Errors without a field that are still about one field. */
const CODE_FIELDS: Record<string, (caller: Caller | null) => Field> = {
  "callbacks.caller_required": () => "caller",
  "callbacks.caller_ambiguous": () => "caller",
  "clients.not_found": () => "caller",
  "commitments.contact_not_of_client": () => "caller",
  "callbacks.no_way_to_reach": (caller) => (caller?.kind === "known" ? "callbackPhone" : "newCaller.phone"),
  "callbacks.no_email_for_confirmation": () => "confirmationEmail",
  "callbacks.expert_not_member": () => "expertId",
  "callbacks.nobody_to_route_to": () => "expertId",
};

function errorAt(error: unknown, field: Field, caller: Caller | null): string | undefined {
  const pinned =
    fieldError(error, field === "caller" ? "clientId" : field) ?? (field === "caller" ? fieldError(error, "contactId") : undefined);
  if (pinned) return pinned;
  if (error instanceof ApiError && error.fields.length === 0 && CODE_FIELDS[error.code]?.(caller) === field) return error.message;
  return undefined;
}

/** What the firm already knows about this caller, so the front desk can say it honestly. */
function CallerContext({ context }: { context: NonNullable<CallbackPreview["context"]> }) {
  const { t } = useI18n();
  const format = useDueFormat();
  return (
    <Card withBorder component="section" aria-labelledby="caller-context">
      <Title order={2} fz="h4" id="caller-context" mb="xs">
        {t("callbacks.context.title", { name: context.clientName })}
      </Title>
      <Stack gap="xs">
        <Text fz="sm">
          <Text span fw={600} inherit>
            {t("callbacks.context.owner")}:
          </Text>{" "}
          {context.accountOwner ?? t("callbacks.context.noOwner")}
        </Text>
        <Text fz="sm">
          <Text span fw={600} inherit>
            {t("callbacks.context.lastCallback")}:
          </Text>{" "}
          {context.lastCallbackAt ? format.moment(context.lastCallbackAt) : t("callbacks.context.noCallback")}
        </Text>
        <div>
          <Text fz="sm" fw={600}>
            {t("callbacks.context.open", { count: context.openPromises.length })}
          </Text>
          {context.openPromises.length === 0 ? (
            <Text fz="sm" c="gray.7">
              {t("callbacks.context.noneOpen")}
            </Text>
          ) : (
            <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: "none" }}>
              {context.openPromises.map((promise) => (
                <li key={`${promise.title}-${promise.dueAt}`}>
                  <Text fz="sm" component="div">
                    {promise.title}{" "}
                    {promise.overdue && (
                      <Badge color="red.9" variant="filled" size="sm">
                        {t("commitments.overdue")}
                      </Badge>
                    )}
                  </Text>
                  <Text fz="xs" c="gray.7">
                    {t("callbacks.context.promiseLine", { owner: promise.owner, due: format.due(promise.dueAt) })}
                  </Text>
                </li>
              ))}
            </Stack>
          )}
        </div>
        {context.openPromises.some((p) => p.overdue) && <Text fz="sm">{t("callbacks.context.honest")}</Text>}
      </Stack>
    </Card>
  );
}

/** The form: who called, their question read back, the topic and who calls back; Ctrl+Enter takes it. */
function IntakeForm({ onTaken }: { onTaken: (saved: Callback) => void }) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const members = useMembers();
  const [caller, setCaller] = useState<Caller | null>(null);
  const [newCaller, setNewCaller] = useState({ name: "", phone: "", email: "", company: "" });
  const [question, setQuestion] = useState("");
  const [readBack, setReadBack] = useState(false);
  const [topic, setTopic] = useState("");
  const [expertId, setExpertId] = useState<string | null>(null);
  const [callbackPhone, setCallbackPhone] = useState("");
  const [confirmation, setConfirmation] = useState(false);
  const [debouncedTopic] = useDebouncedValue(topic.trim(), 300);

  const refs = {
    caller: useRef<HTMLInputElement>(null),
    "newCaller.name": useRef<HTMLInputElement>(null),
    "newCaller.phone": useRef<HTMLInputElement>(null),
    "newCaller.email": useRef<HTMLInputElement>(null),
    "newCaller.company": useRef<HTMLInputElement>(null),
    question: useRef<HTMLTextAreaElement>(null),
    readBack: useRef<HTMLInputElement>(null),
    topic: useRef<HTMLInputElement>(null),
    expertId: useRef<HTMLInputElement>(null),
    callbackPhone: useRef<HTMLInputElement>(null),
    confirmationEmail: useRef<HTMLInputElement>(null),
  } satisfies Record<Field, RefObject<HTMLElement | null>>;
  const formRef = useRef<HTMLFormElement>(null);
  // Focus goes where the next words go.
  const [focusNext, setFocusNext] = useState<Field | null>("caller");
  useEffect(() => {
    if (!focusNext) return;
    refs[focusNext].current?.focus();
    setFocusNext(null);
  });

  const clientId = caller?.kind === "known" ? caller.clientId : undefined;
  const routing = useCallbackPreview({ topic: debouncedTopic, clientId, language });
  const chosen = useCallbackPreview({ topic: debouncedTopic, clientId, expertId: expertId ?? undefined, language }, expertId !== null);
  const preview = expertId ? chosen.data : routing.data;
  const suggested = routing.data?.expert ?? null;
  const knowers = new Map((routing.data?.experts ?? []).map((e) => [e.id, e]));
  const experts = (members.data ?? [])
    .filter((m) => m.role !== "frontdesk")
    .map((m) => {
      const knower = knowers.get(m.id) ?? (suggested?.id === m.id ? suggested : undefined);
      const parts = [m.name, knower?.topics.length ? knower.topics.join(", ") : t(`roles.${m.role}`)];
      if (knower) parts.push(t("callbacks.expert.waiting", { count: knower.waiting }));
      const label = parts.join(" · ");
      return {
        value: m.id,
        label: m.id === suggested?.id ? `${label} (${t("callbacks.expert.suggested")})` : label,
        rank: m.id === suggested?.id ? 0 : knower ? 1 : 2,
      };
    })
    .sort((a, b) => a.rank - b.rank)
    .map(({ value, label }) => ({ value, label }));
  const topics = [
    ...new Set((members.data ?? []).filter((m) => m.role !== "frontdesk").flatMap((m) => m.expertise.map((e) => e.toLowerCase()))),
  ].sort();

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Callback>("POST", "/api/v1/callbacks", body),
    onSuccess: (saved) => {
      refreshAfterCallback(queryClient, saved);
      if (caller?.kind === "new") queryClient.invalidateQueries({ queryKey: ["clients"] });
      onTaken(saved);
    },
    onError: (error) => {
      const first = FIELDS.find((field) => errorAt(error, field, caller));
      if (first) setFocusNext(first);
    },
  });
  const error = create.error;
  const at = (field: Field) => errorAt(error, field, caller);
  const shownPaths = ["clientId", "contactId", ...FIELDS];
  const topError =
    error instanceof ApiError && error.fields.length === 0 && CODE_FIELDS[error.code] ? undefined : formError(error, shownPaths);

  const pick = (picked: Caller) => {
    setCaller(picked);
    create.reset();
    if (picked.kind === "new") {
      setNewCaller({ name: picked.name, phone: picked.phone, email: picked.email, company: "" });
      setFocusNext(picked.name ? "newCaller.phone" : "newCaller.name");
    } else {
      setFocusNext("question");
    }
  };
  const changeCaller = () => {
    setCaller(null);
    setCallbackPhone("");
    setFocusNext("caller");
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (create.isPending) return;
    const trimmed = (value: string) => value.trim() || undefined;
    const who =
      caller?.kind === "known"
        ? { clientId: caller.clientId, ...(caller.contactId && { contactId: caller.contactId }) }
        : caller?.kind === "new"
          ? {
              newCaller: {
                name: newCaller.name.trim(),
                ...(trimmed(newCaller.phone) && { phone: trimmed(newCaller.phone) }),
                ...(trimmed(newCaller.email) && { email: trimmed(newCaller.email) }),
                ...(trimmed(newCaller.company) && { company: trimmed(newCaller.company) }),
              },
            }
          : {};
    create.mutate({
      ...who,
      ...(caller?.kind === "known" && trimmed(callbackPhone) && { callbackPhone: trimmed(callbackPhone) }),
      question,
      readBack,
      ...(trimmed(topic) && { topic: trimmed(topic) }),
      ...(expertId && { expertId }),
      confirmationEmail: confirmation,
    });
  };
  const onKeyDownCapture = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      formRef.current?.requestSubmit();
    }
  };

  const setNew = (key: keyof typeof newCaller) => (event: { currentTarget: { value: string } }) =>
    setNewCaller({ ...newCaller, [key]: event.currentTarget.value });
  const readBackError = at("readBack") ? t("callbacks.readBack.required") : undefined;
  const reachable = caller?.kind === "known" ? [caller.phone, caller.email].filter(Boolean).join(" · ") : "";

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form
          ref={formRef}
          onSubmit={submit}
          onKeyDownCapture={onKeyDownCapture}
          noValidate
          aria-labelledby="callback-form-title"
          style={ERROR_CONTRAST}
        >
          <Title order={2} fz="h4" id="callback-form-title" className="visually-hidden">
            {t("callbacks.form")}
          </Title>
          <Stack gap="md">
            {topError && (
              <Alert color="red" role="alert">
                {topError}
              </Alert>
            )}
            {caller === null && <CallerSearch onPick={pick} inputRef={refs.caller} error={at("caller")} />}
            {caller?.kind === "known" && (
              <Card withBorder padding="sm" component="section" aria-labelledby="chosen-caller">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div>
                    <Text fz="xs" c="gray.7" tt="uppercase" fw={600} id="chosen-caller">
                      {t("callbacks.caller")}
                    </Text>
                    <Text fw={600} fz="lg">
                      {caller.contactId ? t("callbacks.search.contactOf", { name: caller.name, client: caller.clientName }) : caller.name}
                    </Text>
                    <Text fz="sm" c="gray.7">
                      {reachable || t("callbacks.noWayOnFile")}
                    </Text>
                  </div>
                  <Button variant="default" size="xs" onClick={changeCaller} style={{ flexShrink: 0 }}>
                    {t("callbacks.changeCaller")}
                  </Button>
                </Group>
                {at("caller") && (
                  <Text c="red.9" fz="sm" role="alert">
                    {at("caller")}
                  </Text>
                )}
              </Card>
            )}
            {caller?.kind === "new" && (
              <Card withBorder padding="sm" component="fieldset" style={{ margin: 0 }}>
                <Group justify="space-between" wrap="nowrap" mb="xs">
                  <Text component="legend" fw={600} style={{ float: "left", padding: 0 }}>
                    {t("callbacks.newCaller")}
                  </Text>
                  <Button variant="default" size="xs" onClick={changeCaller} style={{ flexShrink: 0 }}>
                    {t("callbacks.searchAgain")}
                  </Button>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ clear: "both" }}>
                  <TextInput
                    ref={refs["newCaller.name"]}
                    label={t("callbacks.field.name")}
                    required
                    value={newCaller.name}
                    onChange={setNew("name")}
                    error={at("newCaller.name")}
                    autoComplete="off"
                  />
                  <TextInput
                    ref={refs["newCaller.phone"]}
                    label={t("callbacks.field.phone")}
                    type="tel"
                    value={newCaller.phone}
                    onChange={setNew("phone")}
                    error={at("newCaller.phone")}
                    autoComplete="off"
                  />
                  <TextInput
                    ref={refs["newCaller.email"]}
                    label={t("callbacks.field.email")}
                    type="email"
                    value={newCaller.email}
                    onChange={setNew("email")}
                    error={at("newCaller.email")}
                    autoComplete="off"
                  />
                  <TextInput
                    ref={refs["newCaller.company"]}
                    label={t("callbacks.field.company")}
                    value={newCaller.company}
                    onChange={setNew("company")}
                    error={at("newCaller.company")}
                    autoComplete="off"
                  />
                </SimpleGrid>
                <Text fz="xs" c="gray.7" mt={6}>
                  {t("callbacks.newCallerHint")}
                </Text>
              </Card>
            )}
            <Textarea
              ref={refs.question}
              label={t("callbacks.field.question")}
              description={t("callbacks.field.questionHint")}
              required
              autosize
              minRows={3}
              maxRows={10}
              value={question}
              onChange={(event) => setQuestion(event.currentTarget.value)}
              error={at("question")}
            />
            <Checkbox
              ref={refs.readBack}
              label={t("callbacks.readBack.label")}
              description={t("callbacks.readBack.hint")}
              required
              checked={readBack}
              onChange={(event) => setReadBack(event.currentTarget.checked)}
              error={readBackError}
            />
            <Autocomplete
              ref={refs.topic}
              label={t("callbacks.field.topic")}
              description={t("callbacks.field.topicHint")}
              value={topic}
              onChange={(value) => {
                setTopic(value);
                setExpertId(null);
              }}
              data={topics}
              limit={8}
              error={at("topic")}
              autoComplete="off"
            />
            <Select
              ref={refs.expertId}
              label={t("callbacks.field.expert")}
              description={routing.data?.routedToLead && debouncedTopic ? t("callbacks.expert.toLead") : t("callbacks.expert.hint")}
              data={experts}
              value={expertId ?? suggested?.id ?? null}
              onChange={(value) => setExpertId(value && value !== suggested?.id ? value : null)}
              allowDeselect={false}
              error={at("expertId")}
              comboboxProps={{ withinPortal: true }}
            />
            {caller?.kind === "known" && (
              <TextInput
                ref={refs.callbackPhone}
                label={t("callbacks.field.callbackPhone")}
                description={caller.phone ? t("callbacks.field.callbackPhoneOnFile", { phone: caller.phone }) : undefined}
                type="tel"
                value={callbackPhone}
                onChange={(event) => setCallbackPhone(event.currentTarget.value)}
                error={at("callbackPhone")}
                autoComplete="off"
              />
            )}
            <Checkbox
              ref={refs.confirmationEmail}
              label={t("callbacks.field.confirmation")}
              description={
                caller?.kind === "known" && caller.email
                  ? t("callbacks.field.confirmationTo", { email: caller.email })
                  : t("callbacks.field.confirmationHint")
              }
              checked={confirmation}
              onChange={(event) => setConfirmation(event.currentTarget.checked)}
              error={at("confirmationEmail")}
            />
            <Group gap="sm">
              <Button type="submit" size="md" loading={create.isPending}>
                {t("callbacks.submit")}
              </Button>
              <Text fz="sm" c="gray.7">
                {t("callbacks.submitHint.before")} <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd>
              </Text>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          <Card withBorder component="section" aria-labelledby="callback-say" bg="brand.0">
            <Title order={2} fz="h4" id="callback-say" mb="xs">
              {t("callbacks.say")}
            </Title>
            <Text fz={26} fw={700} lh={1.3} c="brand.9" aria-live="polite" data-testid="callback-sentence">
              {preview ? preview.sentence || t("callbacks.nobody") : t("app.loading")}
            </Text>
            {preview?.expert && (
              <Text fz="sm" mt="xs">
                {preview.routedToLead && debouncedTopic
                  ? t("callbacks.expert.routedToLead", { name: preview.expert.name })
                  : t("callbacks.expert.callsBack", { name: preview.expert.name, count: preview.expert.waiting })}
              </Text>
            )}
          </Card>
          {preview?.context && <CallerContext context={preview.context} />}
          {caller?.kind === "new" && (
            <Text fz="sm" c="gray.7">
              {t("callbacks.context.new")}
            </Text>
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** Taken: the sentence to say once more, where it went, and straight on to the next caller. */
function Taken({ saved, onNext }: { saved: Callback; onNext: () => void }) {
  const { t } = useI18n();
  const format = useDueFormat();
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);
  return (
    <Card withBorder component="section" aria-labelledby="callback-taken" maw={720} bg="green.0">
      <Stack gap="sm">
        <div role="status">
          <Title order={2} fz="h3" id="callback-taken">
            {t("callbacks.taken.title", { name: saved.callerName })}
          </Title>
        </div>
        <Text fz={26} fw={700} lh={1.3} data-testid="callback-taken-sentence">
          {saved.sentence}
        </Text>
        <Text fz="sm">
          {t("callbacks.taken.details", {
            owner: saved.commitment.owner.name,
            due: format.due(saved.commitment.dueAt),
          })}
          {saved.acceptBy && ` ${t("callbacks.taken.acceptBy", { time: format.due(saved.acceptBy) })}`}
        </Text>
        {saved.confirmationSent && saved.callerEmail && (
          <Text fz="sm">{t("callbacks.taken.confirmation", { email: saved.callerEmail })}</Text>
        )}
        <Group gap="md">
          <Button ref={next} size="md" onClick={onNext}>
            {t("callbacks.taken.next")}
          </Button>
          <Anchor component={Link} to={`/commitments/${saved.commitment.id}`}>
            {t("callbacks.taken.open")}
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}

/** Taking a callback at the front desk, keyboard first: search, pick, question, read back, topic, Ctrl+Enter. */
export function CallbackIntakePage() {
  const { t } = useI18n();
  usePageTitle(t("callbacks.title"));
  const [round, setRound] = useState(0);
  const [saved, setSaved] = useState<Callback | null>(null);
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t("callbacks.title")}</Title>
        <Text c="gray.7" fz="sm">
          {t("callbacks.intro")}
        </Text>
      </div>
      {saved ? (
        <Taken
          saved={saved}
          onNext={() => {
            setSaved(null);
            setRound(round + 1);
          }}
        />
      ) : (
        <IntakeForm key={round} onTaken={setSaved} />
      )}
    </Stack>
  );
}
