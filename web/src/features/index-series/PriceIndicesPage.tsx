import { Alert, Badge, Button, Card, FileInput, Group, Loader, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { canConfigureOrganization } from "../../../../src/core/roles.ts";
import { importFormSchema, type SeriesSummary } from "../../../../src/modules/index-series/index-series.schemas.ts";
import { formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMe } from "../auth/session.ts";
import { importSeries, SERIES_KEY, useSeries, useSeriesList } from "./queries.ts";

/**
 * Price indices: the shipped CBS CPI and the imported series, each series' figures
 * (provisional ones marked, revisions with what they were), and the import form.
 */
export function PriceIndicesPage() {
  const { t } = useI18n();
  const me = useMe();
  const list = useSeriesList();
  const [selected, setSelected] = useState<string | null>(null);
  const isAdmin = me.data !== undefined && canConfigureOrganization(me.data.role);

  return (
    <Stack gap="lg">
      <Text c="dimmed">{t("indexSeries.intro")}</Text>
      {list.isError && <Alert color="red">{t("indexSeries.loadFailed")}</Alert>}
      {list.isPending && <Loader size="sm" />}
      {list.data && <SeriesTable series={list.data} selected={selected} onSelect={setSelected} />}
      {selected !== null && <SeriesPoints id={selected} />}
      {isAdmin ? <ImportForm onImported={setSelected} /> : <Text fz="sm">{t("indexSeries.import.adminsOnly")}</Text>}
    </Stack>
  );
}

function SeriesTable({ series, selected, onSelect }: { series: SeriesSummary[]; selected: string | null; onSelect: (id: string) => void }) {
  const { t, formatNumber } = useI18n();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="index-series-list">
      <Title order={2} fz="h4" id="index-series-list" mb="sm">
        {t("indexSeries.list")}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("indexSeries.name")}</Table.Th>
              <Table.Th>{t("indexSeries.kind")}</Table.Th>
              <Table.Th>{t("indexSeries.span")}</Table.Th>
              <Table.Th ta="right">{t("indexSeries.points")}</Table.Th>
              <Table.Th ta="right">{t("indexSeries.provisionalCount")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {series.map((item) => (
              <Table.Tr key={item.id} bg={item.id === selected ? "var(--mantine-color-blue-light)" : undefined}>
                <Table.Td>
                  {item.name}
                  {item.base && (
                    <Text span c="dimmed" fz="sm">
                      {" "}
                      ({item.base})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`indexSeries.kind.${item.kind}`)}</Table.Td>
                <Table.Td>{item.firstPeriod ? `${item.firstPeriod} – ${item.lastPeriod}` : t("indexSeries.empty")}</Table.Td>
                <Table.Td ta="right">{formatNumber(item.pointCount)}</Table.Td>
                <Table.Td ta="right">{formatNumber(item.provisionalCount)}</Table.Td>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => onSelect(item.id)}
                    aria-label={`${t("indexSeries.show")}: ${item.name}`}
                  >
                    {t("indexSeries.show")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function SeriesPoints({ id }: { id: string }) {
  const { t, locale, formatDate } = useI18n();
  const series = useSeries(id);
  // Published figures have up to three decimals; show them as published, never rounded away.
  const number = useMemo(() => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 3 }), [locale]);
  if (series.isPending) return <Loader size="sm" />;
  if (series.isError) return <Alert color="red">{formError(series.error, [])}</Alert>;
  const data = series.data;
  const points = [...data.points].reverse();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="index-series-points">
      <Title order={2} fz="h4" id="index-series-points">
        {data.name}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {t("indexSeries.source", { source: data.source })}
      </Text>
      <Table.ScrollContainer minWidth={480} mah={480}>
        <Table stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("indexSeries.period")}</Table.Th>
              <Table.Th ta="right">{t("indexSeries.value")}</Table.Th>
              <Table.Th ta="right">{t("indexSeries.changePct")}</Table.Th>
              <Table.Th>{t("indexSeries.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((point) => (
              <Table.Tr key={point.period}>
                <Table.Td>{point.period}</Table.Td>
                <Table.Td ta="right">{point.value === undefined ? "–" : number.format(point.value)}</Table.Td>
                <Table.Td ta="right">{point.changePct === undefined ? "–" : number.format(point.changePct)}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {point.provisional ? (
                      <Badge color="#9a4700" variant="filled">
                        {t("indexSeries.provisional")}
                      </Badge>
                    ) : (
                      <Text fz="sm">{t("indexSeries.definitive")}</Text>
                    )}
                    {point.revisedFrom !== undefined && point.revisedAt !== undefined && (
                      <Text fz="sm" c="dimmed">
                        {t("indexSeries.revised", { date: formatDate(point.revisedAt), value: number.format(point.revisedFrom) })}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function ImportForm({ onImported }: { onImported: (id: string) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const form = useForm<{ name: string }>({
    mode: "controlled",
    initialValues: { name: "" },
    validate: (values) => zodErrors(importFormSchema, values, t),
  });
  const run = useMutation({
    mutationFn: (values: { name: string; file: File }) => importSeries(values.file, values.name),
    onSuccess: (result) => {
      onImported(result.id);
      void queryClient.invalidateQueries({ queryKey: SERIES_KEY });
    },
  });
  const alert = formError(run.error, []);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="index-series-import">
      <form
        onSubmit={form.onSubmit((values) => {
          if (!file) {
            setFileError(t("form.required"));
            return;
          }
          run.mutate({ name: values.name, file });
        })}
      >
        <Stack gap="sm">
          <Title order={2} fz="h4" id="index-series-import">
            {t("indexSeries.import.title")}
          </Title>
          <Text fz="sm" c="dimmed">
            {t("indexSeries.import.intro")}
          </Text>
          {alert && (
            <Alert color="red" role="alert">
              {alert}
            </Alert>
          )}
          {run.isSuccess && (
            <Alert color="green" role="status">
              {t("indexSeries.import.done", { points: run.data.points, revised: run.data.revised })}
            </Alert>
          )}
          <FileInput
            label={t("indexSeries.import.file")}
            accept=".csv,text/csv,text/plain"
            value={file}
            onChange={(next) => {
              setFile(next);
              setFileError(null);
              run.reset();
            }}
            error={fileError}
          />
          <TextInput label={t("indexSeries.import.name")} {...form.getInputProps("name")} />
          <Group>
            <Button type="submit" loading={run.isPending}>
              {t("indexSeries.import.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
