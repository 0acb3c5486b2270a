import { Alert, Box, Button, Center, Group, Loader, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { TRUST_CORES, type TrustCore } from "../../../../src/core/trust/cores.ts";
import { pulseAnswerBody } from "../../../../src/modules/pulse/pulse.schemas.ts";
import { ApiError, api } from "../../api/client.ts";
import { type Language, useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { pulseText, questionKey } from "./messages.ts";
import styles from "./PulsePage.module.css";

type PulseForm = { organizationName: string; clientName: string; contactName: string; language: Language; expiresAt: string };
type Answers = Partial<Record<TrustCore, number>>;
const VALUES = [1, 2, 3, 4, 5] as const;
const COMMENT_MAX = 2000;

/**
 * A link answered here is dead afterwards, and the API says only "not found"
 * for every unusable link (nothing to learn from guessing). This browser
 * remembers which links it answered, so a second visit can say "already
 * answered" instead; the token kept is spent and opens nothing.
 */
const ANSWERED_KEY = "trustledger.pulse.answered";
function answeredHere(token: string): Language | null {
  try {
    const stored = JSON.parse(localStorage.getItem(ANSWERED_KEY) ?? "{}") as Record<string, unknown>;
    const language = stored[token];
    return language === "nl" || language === "en" ? language : null;
  } catch {
    return null;
  }
}
function rememberAnswered(token: string, language: Language) {
  try {
    const stored = JSON.parse(localStorage.getItem(ANSWERED_KEY) ?? "{}") as Record<string, Language>;
    // A handful is plenty: one person answers a few of these a year.
    const kept = Object.entries(stored).slice(-19);
    localStorage.setItem(ANSWERED_KEY, JSON.stringify(Object.fromEntries([...kept, [token, language]])));
  } catch {
    // Private browsing without storage: the second visit says the link no longer works, which is true too.
  }
}

/** One statement: a fieldset of five real radio buttons drawn as large tiles. */
function Statement({
  core,
  value,
  error,
  pt,
  onChange,
}: {
  core: TrustCore;
  value: number | undefined;
  error: string | undefined;
  pt: ReturnType<typeof pulseText>;
  onChange: (value: number) => void;
}) {
  const errorId = `pulse-${core}-error`;
  return (
    <fieldset className={styles.fieldset} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className={styles.legend}>{pt(questionKey(core))}</legend>
      <div className={styles.scale}>
        {VALUES.map((number) => (
          <label key={number} className={styles.option}>
            <input
              type="radio"
              name={core}
              value={number}
              checked={value === number}
              onChange={() => onChange(number)}
              data-first-of={number === 1 ? core : undefined}
            />
            <span className={styles.tile}>
              <span aria-hidden="true">{number}</span>
              <span className="visually-hidden">{`${number}, ${pt(`pulse.page.answer.${number}`)}`}</span>
            </span>
          </label>
        ))}
      </div>
      <div className={styles.ends} aria-hidden="true">
        <span>{pt("pulse.page.answer.1")}</span>
        <span style={{ textAlign: "right" }}>{pt("pulse.page.answer.5")}</span>
      </div>
      {error && (
        <Text id={errorId} fz="sm" c="red.9" mt={4}>
          {error}
        </Text>
      )}
    </fieldset>
  );
}

/** A state of the page with only a heading and a sentence (thanks, already answered, link gone). */
function Message({ title, text, tone }: { title: string; text: string; tone: "good" | "calm" }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack py="xl" gap="sm">
      <Title order={1} fz="h2" ref={heading} tabIndex={-1}>
        {title}
      </Title>
      <Alert color={tone === "good" ? "green" : "gray"} role="status">
        {text}
      </Alert>
    </Stack>
  );
}

/**
 * The contact's pulse page behind a link (no sign-in): four statements, 1–5
 * each, and a comment, in the language the adviser chose; built for a phone.
 * Answered, it thanks; a link that expired or was used says so calmly.
 */
export function PulsePage() {
  const i18n = useI18n();
  const { token } = useParams({ from: "/pulse/$token" });
  const view = useQuery({
    queryKey: ["pulse-page", token],
    queryFn: () => api<PulseForm>("GET", `/api/v1/portal/${encodeURIComponent(token)}/pulse`),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [answers, setAnswers] = useState<Answers>({});
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<Partial<Record<TrustCore, string>>>({});
  const [finished, setFinished] = useState<"thanks" | "gone" | null>(null);
  const gone = view.error instanceof ApiError && view.error.status === 404;
  const earlier = gone || finished === "gone" ? answeredHere(token) : null;
  // The request's language once it is known; before that (and for a dead link) the visitor's own.
  const language: Language = view.data?.language ?? earlier ?? i18n.language;
  const pt = pulseText(language);
  const locale = language === "nl" ? "nl-NL" : "en-GB";
  usePageTitle(pt("pulse.page.title"));
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const submit = useMutation({
    mutationFn: (body: Record<string, unknown>) => api("POST", `/api/v1/portal/${encodeURIComponent(token)}/pulse`, body),
    onSuccess: () => {
      rememberAnswered(token, language);
      setFinished("thanks");
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 404) setFinished("gone");
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { ...answers, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    // The API's schema decides what is missing; each statement says so in the page's language.
    const result = pulseAnswerBody.safeParse(body);
    if (!result.success) {
      const found: Partial<Record<TrustCore, string>> = {};
      for (const issue of result.error.issues) {
        const core = issue.path[0];
        if (typeof core === "string" && (TRUST_CORES as readonly string[]).includes(core))
          found[core as TrustCore] = pt("pulse.page.choose");
      }
      setErrors(found);
      const first = TRUST_CORES.find((core) => found[core]);
      if (first) document.querySelector<HTMLInputElement>(`input[data-first-of="${first}"]`)?.focus();
      return;
    }
    setErrors({});
    submit.mutate(result.data);
  };

  const date = (value: string) =>
    new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" }).format(new Date(value));
  const missing = Object.keys(errors).length > 0;

  return (
    <Box mih="100vh" bg="gray.0" lang={language}>
      <Group component="header" px="md" py="sm">
        <Text fw={700} fz="lg" c="brand.8">
          {view.data?.organizationName ?? i18n.t("app.name")}
        </Text>
      </Group>
      <Box component="main" id="main" px="md" pb="xl" maw={560} mx="auto">
        {view.isPending && (
          <Center py="xl">
            <Loader aria-label={pt("pulse.page.loading")} />
          </Center>
        )}
        {finished === "thanks" && view.data && (
          <Message
            title={pt("pulse.page.thanks.title")}
            text={pt("pulse.page.thanks", { organization: view.data.organizationName })}
            tone="good"
          />
        )}
        {(gone || finished === "gone") &&
          (earlier ? (
            <Message title={pt("pulse.page.answered.title")} text={pt("pulse.page.answered")} tone="good" />
          ) : (
            <Message title={pt("pulse.page.gone.title")} text={pt("pulse.page.gone")} tone="calm" />
          ))}
        {view.error && !gone && (
          <Stack py="xl">
            <Title order={1} fz="h2">
              {pt("pulse.page.title")}
            </Title>
            <Alert color="red" role="alert">
              {pt("pulse.page.error")}
            </Alert>
          </Stack>
        )}
        {view.data && finished === null && (
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="lg" pt="sm">
              <div>
                <Title order={1} fz="h2">
                  {pt("pulse.page.heading", { organization: view.data.organizationName })}
                </Title>
                <Text mt={4}>
                  {pt("pulse.page.intro", {
                    contact: view.data.contactName,
                    organization: view.data.organizationName,
                    client: view.data.clientName,
                  })}
                </Text>
                <Text fz="sm" c="dimmed" mt={4}>
                  {pt("pulse.page.scale")}
                </Text>
              </div>
              {missing && (
                <Alert color="red" role="alert">
                  {pt("pulse.page.missing")}
                </Alert>
              )}
              {TRUST_CORES.map((core) => (
                <Statement
                  key={core}
                  core={core}
                  value={answers[core]}
                  error={errors[core]}
                  pt={pt}
                  onChange={(value) => {
                    setAnswers((previous) => ({ ...previous, [core]: value }));
                    setErrors(({ [core]: _done, ...rest }) => rest);
                  }}
                />
              ))}
              <Textarea
                label={pt("pulse.page.comment")}
                autosize
                minRows={3}
                maxRows={10}
                maxLength={COMMENT_MAX}
                value={comment}
                onChange={(event) => setComment(event.currentTarget.value)}
                size="md"
              />
              {submit.error && !(submit.error instanceof ApiError && submit.error.status === 404) && (
                <Alert color="red" role="alert">
                  {pt("pulse.page.error")}
                </Alert>
              )}
              <Button type="submit" size="lg" fullWidth loading={submit.isPending}>
                {pt("pulse.page.submit")}
              </Button>
              <Text fz="sm" c="dimmed">
                {pt("pulse.page.private", { organization: view.data.organizationName, date: date(view.data.expiresAt) })}
              </Text>
            </Stack>
          </form>
        )}
      </Box>
    </Box>
  );
}
