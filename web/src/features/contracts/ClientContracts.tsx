import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import {
  type Contract,
  type ContractAudit,
  type CreateContractInput,
  createContractBody,
  INDEXATION_METHODS,
  RENEWALS,
} from "../../../../src/modules/contracts/contracts.schemas.ts";
import type { SeriesList } from "../../../../src/modules/index-series/index-series.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ContractActions } from "./ContractActions.tsx";
import { ImportContracts } from "./ImportContracts.tsx";
import { toCents } from "./money.ts";

type Method = (typeof INDEXATION_METHODS)[number];
type Renewal = (typeof RENEWALS)[number];
type LineValues = { role: string; rateEuro: number | string; hours: number | string };
type Values = {
  title: string;
  startsOn: string;
  priceEuro: number | string;
  seriesId: string | null;
  method: Method;
  lagMonths: number | string;
  termMonths: number | string;
  renewal: Renewal | null;
  lines: LineValues[];
};
/** Form fields by the API body's paths, so the API's own schema checks the form. */
const FIELD_OF: Record<string, string> = {
  annualPriceCents: "priceEuro",
  "indexation.seriesId": "seriesId",
  "indexation.method": "method",
  "indexation.lagMonths": "lagMonths",
};
const FIELDS = ["title", "startsOn", "priceEuro", "seriesId", "method", "lagMonths", "termMonths", "renewal"];
/** A line's API path ("lines.0.hourlyRateCents") as its form field ("lines.0.rateEuro"). */
const fieldOf = (path: string) =>
  FIELD_OF[path] ?? path.replace(/^(lines\.\d+)\.hourlyRateCents$/, "$1.rateEuro").replace(/^(lines\.\d+)\.hoursPerYear$/, "$1.hours");

/**
 * A client's contracts with what the audit finds: per contract the net amount
 * charged too much or too little, the years behind it on request, and a form
 * to add a contract with its indexation clause.
 */
export function ClientContracts({ clientId }: { clientId: string }) {
  const { t, locale, formatDate, formatNumber } = useI18n();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const queryKey = ["contracts", clientId];
  const contracts = useQuery({
    queryKey,
    queryFn: () => api<{ items: Contract[] }>("GET", `/api/v1/contracts?clientId=${clientId}`),
    retry: false,
  });
  const series = useQuery({ queryKey: ["index-series"], queryFn: () => api<SeriesList>("GET", "/api/v1/index-series"), retry: false });
  const euro = (cents: number) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(cents / 100);

  const bodyOf = (values: Values): CreateContractInput => ({
    clientId,
    title: values.title,
    startsOn: values.startsOn,
    annualPriceCents: toCents(values.priceEuro),
    indexation: values.seriesId ? { seriesId: values.seriesId, method: values.method, lagMonths: Number(values.lagMonths) } : null,
    ...(values.termMonths === "" ? {} : { termMonths: Number(values.termMonths) }),
    ...(values.renewal ? { renewal: values.renewal } : {}),
    ...(values.lines.length > 0
      ? {
          lines: values.lines.map((line) => ({
            role: line.role,
            hourlyRateCents: toCents(line.rateEuro),
            hoursPerYear: typeof line.hours === "number" ? line.hours : Number.NaN,
          })),
        }
      : {}),
  });
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      title: "",
      startsOn: "",
      priceEuro: "",
      seriesId: null,
      method: "annual_average",
      lagMonths: 0,
      termMonths: "",
      renewal: null,
      lines: [],
    },
    validate: (values) => zodErrors(createContractBody, bodyOf(values), t, fieldOf),
  });
  const create = useMutation({
    mutationFn: (values: Values) => api<Contract>("POST", "/api/v1/contracts", bodyOf(values)),
    onSuccess: () => {
      form.reset();
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey });
    },
  });
  const input = (key: string) => {
    const apiPath = key.replace(/\.rateEuro$/, ".hourlyRateCents").replace(/\.hours$/, ".hoursPerYear");
    return {
      ...form.getInputProps(key),
      error:
        (form.errors[key] as string | undefined) ??
        fieldError(create.error, Object.entries(FIELD_OF).find(([, f]) => f === key)?.[0] ?? apiPath),
    };
  };
  const separators = locale.startsWith("nl")
    ? { decimalSeparator: ",", thousandSeparator: "." }
    : { decimalSeparator: ".", thousandSeparator: "," };
  const alert = formError(create.error, FIELDS);
  const items = contracts.data?.items ?? [];

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="client-contracts-title">
      <Stack gap="md">
        <div>
          <Title order={2} fz="h4" id="client-contracts-title">
            {t("contracts.title")}
          </Title>
          <Text fz="sm" c="dimmed">
            {t("contracts.intro")}
          </Text>
        </div>
        {contracts.error && (
          <Alert color="red" role="alert">
            {contracts.error.message}
          </Alert>
        )}
        {contracts.data && items.length === 0 && <Text c="gray.7">{t("contracts.empty")}</Text>}
        <ImportContracts />
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("contracts.col.contract")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("contracts.col.price")}
                  </Table.Th>
                  <Table.Th scope="col">{t("contracts.col.clause")}</Table.Th>
                  <Table.Th scope="col">{t("contracts.col.audit")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((contract) => (
                  <Fragment key={contract.id}>
                    <Table.Tr>
                      <Table.Td>
                        <Text fw={600}>{contract.title}</Text>
                        <Text fz="sm" c="dimmed">
                          {formatDate(contract.startsOn)}
                          {contract.termMonths !== null && ` · ${t("contracts.term", { months: contract.termMonths })}`}
                          {contract.renewal !== null && ` · ${t(`contracts.renewal.${contract.renewal}`)}`}
                        </Text>
                        {contract.lines.length > 0 && (
                          <List fz="sm" spacing={2} aria-label={t("contracts.lines")}>
                            {contract.lines.map((line) => (
                              <List.Item key={line.id}>
                                {t("contracts.line", {
                                  role: line.role,
                                  rate: euro(line.hourlyRateCents),
                                  hours: formatNumber(line.hoursPerYear),
                                  annual: euro(line.annualCents),
                                })}
                              </List.Item>
                            ))}
                          </List>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{euro(contract.annualPriceCents)}</Table.Td>
                      <Table.Td>
                        {contract.indexation
                          ? t(`contracts.clause.${contract.indexation.method}`, { lag: contract.indexation.lagMonths })
                          : t("contracts.clause.none")}
                      </Table.Td>
                      <Table.Td>{contract.indexation ? <AuditSummary contractId={contract.id} euro={euro} /> : "—"}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td colSpan={4}>
                        <ContractActions contract={contract} euro={euro} />
                      </Table.Td>
                    </Table.Tr>
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <form
          noValidate
          aria-labelledby="client-contracts-form"
          onSubmit={form.onSubmit((values) => {
            setSaved(false);
            create.mutate(values);
          })}
        >
          <Stack gap="sm">
            <Title order={3} fz="h5" id="client-contracts-form">
              {t("contracts.form.title")}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t("contracts.form.name")} required {...input("title")} />
              <TextInput type="date" label={t("contracts.form.startsOn")} required {...input("startsOn")} />
              <NumberInput
                label={t("contracts.form.price")}
                required
                min={0}
                decimalScale={2}
                decimalSeparator={locale.startsWith("nl") ? "," : "."}
                thousandSeparator={locale.startsWith("nl") ? "." : ","}
                {...input("priceEuro")}
              />
              <Select
                label={t("contracts.form.series")}
                clearable
                placeholder={t("contracts.clause.none")}
                data={(series.data?.items ?? []).map((one) => ({ value: one.id, label: one.name }))}
                {...input("seriesId")}
              />
              <Select
                label={t("contracts.form.method")}
                allowDeselect={false}
                data={INDEXATION_METHODS.map((method) => ({ value: method, label: t(`contracts.method.${method}`) }))}
                {...input("method")}
              />
              <NumberInput label={t("contracts.form.lag")} min={0} max={36} allowDecimal={false} {...input("lagMonths")} />
              <NumberInput label={t("contracts.form.term")} min={1} max={600} allowDecimal={false} {...input("termMonths")} />
              <Select
                label={t("contracts.form.renewal")}
                clearable
                placeholder={t("contracts.form.renewalNone")}
                data={RENEWALS.map((renewal) => ({ value: renewal, label: t(`contracts.renewal.${renewal}`) }))}
                {...input("renewal")}
              />
            </SimpleGrid>
            <Stack gap="xs" role="group" aria-label={t("contracts.form.lines")}>
              <Text fz="sm" fw={500}>
                {t("contracts.form.lines")}
              </Text>
              {form.values.lines.map((_line, index) => {
                const n = index + 1;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id until saved; the index is their place
                  <Group key={index} align="flex-end" gap="xs" wrap="wrap">
                    <TextInput label={t("contracts.form.lineRole", { n })} required {...input(`lines.${index}.role`)} />
                    <NumberInput
                      label={t("contracts.form.lineRate", { n })}
                      required
                      min={0}
                      decimalScale={2}
                      {...separators}
                      {...input(`lines.${index}.rateEuro`)}
                    />
                    <NumberInput
                      label={t("contracts.form.lineHours", { n })}
                      required
                      min={0}
                      decimalScale={2}
                      {...separators}
                      {...input(`lines.${index}.hours`)}
                    />
                    <Button variant="subtle" color="red" onClick={() => form.removeListItem("lines", index)}>
                      {t("contracts.form.removeLine", { n })}
                    </Button>
                  </Group>
                );
              })}
              <Group>
                <Button
                  variant="light"
                  size="compact-sm"
                  onClick={() => form.insertListItem("lines", { role: "", rateEuro: "", hours: "" })}
                >
                  {t("contracts.form.addLine")}
                </Button>
              </Group>
            </Stack>
            {alert && (
              <Alert color="red" role="alert">
                {alert}
              </Alert>
            )}
            {saved && (
              <Text role="status" c="green.9">
                {t("contracts.form.saved")}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t("contracts.form.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/** One contract's audit: the net difference, and the years behind it on request. */
function AuditSummary({ contractId, euro }: { contractId: string; euro: (cents: number) => string }) {
  const { t, formatDate, formatNumber } = useI18n();
  const [open, setOpen] = useState(false);
  const audit = useQuery({
    queryKey: ["contracts", "audit", contractId],
    queryFn: () => api<ContractAudit>("GET", `/api/v1/contracts/${contractId}/audit`),
    retry: false,
  });
  if (audit.error) return <Text c="red.9">{audit.error.message}</Text>;
  if (!audit.data) return null;
  const total = audit.data.totalOverchargeCents;
  const firstMissing = audit.data.years.find((year) => year.missing.length > 0)?.missing[0];
  const pct = (value: number | null) => (value === null ? "—" : `${formatNumber(value)} %`);
  return (
    <Stack gap={4}>
      <Text fw={600} c={total === 0 ? undefined : "red.9"}>
        {total > 0
          ? t("contracts.audit.over", { amount: euro(total) })
          : total < 0
            ? t("contracts.audit.under", { amount: euro(-total) })
            : t("contracts.audit.fair")}
      </Text>
      {firstMissing && (
        <Text fz="sm" c="dimmed">
          {t("contracts.audit.incomplete", { period: firstMissing })}
        </Text>
      )}
      <Anchor component="button" type="button" fz="sm" onClick={() => setOpen((shown) => !shown)} aria-expanded={open}>
        {t("contracts.audit.show")}
      </Anchor>
      {open && (
        <Table fz="sm" verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("contracts.audit.year")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("contracts.audit.allowed")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("contracts.audit.applied")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("contracts.audit.allowedPrice")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("contracts.audit.chargedPrice")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("contracts.audit.difference")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {audit.data.years.map((year) => (
              <Table.Tr key={year.effectiveOn}>
                <Table.Td>{formatDate(year.effectiveOn)}</Table.Td>
                <Table.Td ta="right">
                  {year.missing.length > 0 ? t("contracts.audit.missing", { periods: year.missing.join(", ") }) : pct(year.allowedPct)}
                </Table.Td>
                <Table.Td ta="right">{pct(year.appliedPct)}</Table.Td>
                <Table.Td ta="right">{year.allowedPriceCents === null ? "—" : euro(year.allowedPriceCents)}</Table.Td>
                <Table.Td ta="right">{euro(year.chargedPriceCents)}</Table.Td>
                <Table.Td ta="right" c={year.overchargeCents ? "red.9" : undefined}>
                  {year.overchargeCents === null ? "—" : euro(year.overchargeCents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
