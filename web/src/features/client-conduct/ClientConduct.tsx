import { Alert, Badge, Button, Card, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  CONDUCT_ASPECTS,
  type ConductAspect,
  type ConductItem,
  type ConductList,
  conductBody,
} from "../../../../src/modules/client-conduct/client-conduct.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";

type Values = { aspect: ConductAspect | null; direction: "positive" | "negative" | null; note: string };
const FIELDS = ["aspect", "direction", "note"];
const SHOWN = 10;

/**
 * "How the client keeps its side": what the firm notices of the client's part
 * of the relationship (paying, appointments, respect, information). A section
 * of its own on the client page, apart from our trust scores, which it never moves.
 */
export function ClientConduct({ clientId }: { clientId: string }) {
  const { t, formatDate } = useI18n();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const queryKey = ["client-conduct", clientId];
  const conduct = useQuery({ queryKey, queryFn: () => api<ConductList>("GET", `/api/v1/clients/${clientId}/conduct`), retry: false });
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { aspect: null, direction: null, note: "" },
    // The API's own schema, its issues in the UI's words, before anything is sent.
    validate: (values) => zodErrors(conductBody, values, t),
  });
  const record = useMutation({
    mutationFn: (values: Values) => api<ConductItem>("POST", `/api/v1/clients/${clientId}/conduct`, values),
    onSuccess: () => {
      form.reset();
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey });
    },
  });
  const input = (key: keyof Values) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(record.error, key),
  });
  const alert = formError(record.error, FIELDS);
  const aspectLabel = (aspect: ConductAspect) => t(`conduct.aspect.${aspect}`);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="client-conduct-title">
      <Stack gap="md">
        <div>
          <Title order={2} fz="h4" id="client-conduct-title">
            {t("conduct.title")}
          </Title>
          <Text fz="sm" c="dimmed">
            {t("conduct.intro")}
          </Text>
        </div>
        {conduct.error && (
          <Alert color="red" role="alert">
            {conduct.error.message}
          </Alert>
        )}
        {conduct.data && (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {CONDUCT_ASPECTS.map((aspect) => {
              const summary = conduct.data.aspects[aspect];
              return (
                <Card key={aspect} withBorder radius="md" p="sm" component="li">
                  <Text fw={600} fz="sm">
                    {aspectLabel(aspect)}
                  </Text>
                  <Text fz="sm">{t("conduct.counts", { positive: summary.positive, negative: summary.negative })}</Text>
                  <Text fz="xs" c="gray.7">
                    {summary.last
                      ? t("conduct.last", {
                          direction: t(`conduct.direction.${summary.last.direction}`),
                          date: formatDate(summary.last.occurredAt),
                        })
                      : t("conduct.never")}
                  </Text>
                </Card>
              );
            })}
          </SimpleGrid>
        )}
        <form
          onSubmit={form.onSubmit((values) => {
            setSaved(false);
            record.mutate(values);
          })}
          noValidate
          aria-labelledby="client-conduct-form"
        >
          <Stack gap="sm">
            <Title order={3} fz="h5" id="client-conduct-form">
              {t("conduct.form.title")}
            </Title>
            {alert && (
              <Alert color="red" role="alert">
                {alert}
              </Alert>
            )}
            <Group align="flex-start" wrap="wrap" gap="md">
              <Select
                label={t("conduct.form.aspect")}
                required
                data={CONDUCT_ASPECTS.map((aspect) => ({ value: aspect, label: aspectLabel(aspect) }))}
                w={300}
                {...input("aspect")}
              />
              <Radio.Group label={t("conduct.form.direction")} required {...input("direction")}>
                <Group gap="md" mt={8}>
                  <Radio value="positive" label={t("conduct.form.positive")} />
                  <Radio value="negative" label={t("conduct.form.negative")} />
                </Group>
              </Radio.Group>
            </Group>
            <Textarea label={t("conduct.form.note")} required autosize minRows={2} maxRows={6} {...input("note")} />
            <Group justify="flex-end" gap="sm">
              {saved && (
                <Text fz="sm" fw={600} role="status">
                  {t("conduct.form.saved")}
                </Text>
              )}
              <Button type="submit" loading={record.isPending}>
                {t("conduct.form.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
        {conduct.data && (
          <Stack gap="xs">
            <Title order={3} fz="h5">
              {t("conduct.recent")}
            </Title>
            {conduct.data.items.length === 0 ? (
              <Text fz="sm" c="gray.7">
                {t("conduct.empty")}
              </Text>
            ) : (
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
                {conduct.data.items.slice(0, SHOWN).map((item) => (
                  <li key={item.id}>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <Badge
                        variant="light"
                        color={item.direction === "positive" ? "green" : "red"}
                        styles={{ label: { color: "var(--mantine-color-dark-8)" } }}
                        style={{ flexShrink: 0 }}
                      >
                        {aspectLabel(item.aspect)}: {t(`conduct.direction.${item.direction}`)}
                      </Badge>
                      <div>
                        <Text fz="sm" style={{ whiteSpace: "pre-wrap" }}>
                          {item.note}
                        </Text>
                        <Text fz="xs" c="gray.7">
                          {t("conduct.by", { date: formatDate(item.occurredAt), name: item.recordedBy?.name ?? t("app.none") })}
                        </Text>
                      </div>
                    </Group>
                  </li>
                ))}
              </Stack>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
