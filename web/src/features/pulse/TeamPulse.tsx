import { Alert, Button, Card, Group, Radio, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type TeamPulse as TeamPulseView, teamPulseBody } from "../../../../src/modules/pulse/pulse.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { formatQuarter, usePulseText } from "./messages.ts";

type Values = { feeling: string; words: string };
const FEELINGS = ["1", "2", "3", "4", "5"] as const;
const WORDS_MAX = 500;

const bodyOf = (values: Values) => ({
  feeling: values.feeling === "" ? undefined : Number(values.feeling),
  ...(values.words.trim() ? { words: values.words.trim() } : {}),
});

/**
 * "How do we feel working with this client?": each colleague once per quarter,
 * 1–5 and a few words, privately. Only the aggregate is shown, and only from the
 * threshold on; before that, how many answered out of how many are needed.
 */
export function TeamPulse({ clientId }: { clientId: string }) {
  const { t, pt, locale } = usePulseText();
  const queryClient = useQueryClient();
  const queryKey = ["team-pulse", clientId];
  const pulse = useQuery({ queryKey, queryFn: () => api<TeamPulseView>("GET", `/api/v1/clients/${clientId}/team-pulse`), retry: false });
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { feeling: "", words: "" },
    validate: (values) => {
      const errors = zodErrors(teamPulseBody, bodyOf(values), t);
      if (errors.feeling) errors.feeling = t("form.choose");
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => api<TeamPulseView>("POST", `/api/v1/clients/${clientId}/team-pulse`, bodyOf(values)),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKey, saved);
      // Its quarter's feeling may have become evidence (from the threshold on).
      void queryClient.invalidateQueries({ queryKey: ["trust", clientId] });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey }),
  });
  const average = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (pulse.error instanceof ApiError && pulse.error.status === 403) return null;
  const data = pulse.data;
  const alert = formError(save.error, ["feeling", "words"]);
  return (
    <Card withBorder component="section" aria-labelledby="team-pulse">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="team-pulse">
          {pt("teamPulse.title")}
        </Title>
        {data && (
          <Text fz="sm" c="dimmed">
            {pt("teamPulse.private", { threshold: data.threshold })}
          </Text>
        )}
        {pulse.error && (
          <Alert color="red" role="alert">
            {pulse.error.message}
          </Alert>
        )}
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        {data && !data.answeredByMe && (
          <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
            <Stack gap="sm">
              <Radio.Group
                label={pt("teamPulse.feeling")}
                required
                {...form.getInputProps("feeling")}
                error={(form.errors.feeling as string | undefined) ?? fieldError(save.error, "feeling")}
              >
                <Group gap="md" mt={6}>
                  {FEELINGS.map((value) => (
                    <Radio key={value} value={value} label={`${value} · ${pt(`teamPulse.scale.${value}`)}`} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea
                label={pt("teamPulse.words")}
                autosize
                minRows={2}
                maxRows={5}
                maxLength={WORDS_MAX}
                {...form.getInputProps("words")}
                error={(form.errors.words as string | undefined) ?? fieldError(save.error, "words")}
              />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {pt("teamPulse.submit")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {data?.answeredByMe && (
          <Text fz="sm" role="status">
            {pt("teamPulse.answered", { period: formatQuarter(pt, data.period) })}
          </Text>
        )}
        {data && (
          <Text fw={500} data-testid="team-pulse-aggregate">
            {data.average === null
              ? pt("teamPulse.waiting", { count: data.respondents, threshold: data.threshold })
              : pt("teamPulse.average", {
                  period: formatQuarter(pt, data.period),
                  average: average.format(data.average),
                  count: data.respondents,
                })}
          </Text>
        )}
        {data && data.previous.average !== null && (
          <Text fz="sm" c="dimmed">
            {pt("teamPulse.previous", { period: formatQuarter(pt, data.previous.period), average: average.format(data.previous.average) })}
          </Text>
        )}
        {data && data.average !== null && data.words.length > 0 && (
          <section aria-labelledby="team-pulse-words">
            <Title order={3} fz="h5" id="team-pulse-words" mb={4}>
              {pt("teamPulse.wordsTitle")}
            </Title>
            <Stack component="ul" gap={2} m={0} pl="md">
              {data.words.map((words, index) => (
                // Answers are unlinkable on purpose: they have no id, their order is the only key.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <Text component="li" fz="sm" key={index}>
                  “{words}”
                </Text>
              ))}
            </Stack>
          </section>
        )}
      </Stack>
    </Card>
  );
}
