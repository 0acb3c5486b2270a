import { Alert, Badge, Button, Card, Group, Loader, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { canConfigureOrganization } from "../../../../src/core/roles.ts";
import {
  type Band,
  type BandInput,
  bandBody,
  type CreateRateInput,
  createRateBody,
  type Fairness,
  type FairnessLine,
  type RateCard,
  reasonBody,
} from "../../../../src/modules/rate-card/rate-card.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMe } from "../auth/session.ts";

const RATE_CARD_KEY = ["rate-card"];
const FAIRNESS_KEY = ["rate-card", "fairness"];

const toCents = (euro: number | string) => (typeof euro === "number" ? Math.round(euro * 100) : Number.NaN);

/** Money and percentages in the UI's language, via Intl. */
function useMoney() {
  const { locale } = useI18n();
  const euro = (cents: number, signed = false) =>
    new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", signDisplay: signed ? "exceptZero" : "auto" }).format(cents / 100);
  const pct = (value: number) =>
    new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value / 100);
  const separators = locale.startsWith("nl")
    ? { decimalSeparator: ",", thousandSeparator: "." }
    : { decimalSeparator: ".", thousandSeparator: "," };
  return { euro, pct, separators };
}

/**
 * The rate card (settings): every role's hourly rates with their history, the
 * fairness band, and the contract lines outside it with a reason to record.
 */
export function RateCardPage() {
  const { t } = useI18n();
  const me = useMe();
  const isAdmin = me.data !== undefined && canConfigureOrganization(me.data.role);
  const card = useQuery({ queryKey: RATE_CARD_KEY, queryFn: () => api<RateCard>("GET", "/api/v1/rate-card"), retry: false });
  return (
    <Stack gap="lg">
      <Text c="dimmed">{t("rateCard.intro")}</Text>
      {card.isError && <Alert color="red">{t("rateCard.loadFailed")}</Alert>}
      {card.isPending && <Loader size="sm" />}
      {card.data && <RatesTable card={card.data} canEdit={isAdmin} />}
      {isAdmin ? <AddRateForm /> : <Text fz="sm">{t("rateCard.adminsOnly")}</Text>}
      {card.data && <BandCard band={card.data.band} canEdit={isAdmin} />}
      <FairnessList />
    </Stack>
  );
}

function RatesTable({ card, canEdit }: { card: RateCard; canEdit: boolean }) {
  const { t, formatDate } = useI18n();
  const { euro } = useMoney();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api<null>("DELETE", `/api/v1/rate-card/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: RATE_CARD_KEY }),
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="rate-card-list">
      <Title order={2} fz="h4" id="rate-card-list" mb="sm">
        {t("rateCard.list")}
      </Title>
      {remove.error && (
        <Alert color="red" role="alert" mb="sm">
          {remove.error.message}
        </Alert>
      )}
      {card.items.length === 0 ? (
        <Text c="gray.7">{t("rateCard.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("rateCard.role")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("rateCard.rate")}
                </Table.Th>
                <Table.Th scope="col">{t("rateCard.validFrom")}</Table.Th>
                <Table.Th scope="col">{t("rateCard.status")}</Table.Th>
                {canEdit && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {card.items.map((rate) => (
                <Table.Tr key={rate.id}>
                  <Table.Td>{rate.role}</Table.Td>
                  <Table.Td ta="right">{euro(rate.hourlyRateCents)}</Table.Td>
                  <Table.Td>{formatDate(rate.validFrom)}</Table.Td>
                  <Table.Td>
                    {rate.current ? (
                      <Badge color="green" variant="light">
                        {t("rateCard.current")}
                      </Badge>
                    ) : rate.validFrom > card.today ? (
                      t("rateCard.future", { date: formatDate(rate.validFrom) })
                    ) : (
                      t("rateCard.past", { date: formatDate(rate.supersededFrom ?? rate.validFrom) })
                    )}
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Button
                        variant="subtle"
                        color="red"
                        size="compact-sm"
                        loading={remove.isPending && remove.variables === rate.id}
                        onClick={() => remove.mutate(rate.id)}
                        aria-label={t("rateCard.deleteLabel", { role: rate.role, date: formatDate(rate.validFrom) })}
                      >
                        {t("rateCard.delete")}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

type RateValues = { role: string; rateEuro: number | string; validFrom: string };
const RATE_FIELD_OF: Record<string, string> = { hourlyRateCents: "rateEuro" };

function AddRateForm() {
  const { t } = useI18n();
  const { separators } = useMoney();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const bodyOf = (values: RateValues): CreateRateInput => ({
    role: values.role,
    hourlyRateCents: toCents(values.rateEuro),
    validFrom: values.validFrom,
  });
  const form = useForm<RateValues>({
    mode: "controlled",
    initialValues: { role: "", rateEuro: "", validFrom: "" },
    validate: (values) => zodErrors(createRateBody, bodyOf(values), t, (path) => RATE_FIELD_OF[path] ?? path),
  });
  const add = useMutation({
    mutationFn: (values: RateValues) => api<unknown>("POST", "/api/v1/rate-card", bodyOf(values)),
    onSuccess: () => {
      form.reset();
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: RATE_CARD_KEY });
    },
  });
  const input = (key: keyof RateValues) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(add.error, key === "rateEuro" ? "hourlyRateCents" : key),
  });
  const alert = formError(add.error, ["role", "hourlyRateCents", "validFrom"]);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="rate-card-add">
      <form
        noValidate
        aria-labelledby="rate-card-add"
        onSubmit={form.onSubmit((values) => {
          setSaved(false);
          add.mutate(values);
        })}
      >
        <Stack gap="sm">
          <Title order={2} fz="h4" id="rate-card-add">
            {t("rateCard.add.title")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t("rateCard.role")} required {...input("role")} />
            <NumberInput label={t("rateCard.rate")} required min={0} decimalScale={2} {...separators} {...input("rateEuro")} />
            <TextInput type="date" label={t("rateCard.validFrom")} required {...input("validFrom")} />
          </SimpleGrid>
          {alert && (
            <Alert color="red" role="alert">
              {alert}
            </Alert>
          )}
          {saved && (
            <Text role="status" c="green.9">
              {t("rateCard.add.saved")}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t("rateCard.add.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

type BandValues = { abovePct: number | string; belowPct: number | string };

function BandCard({ band, canEdit }: { band: Band; canEdit: boolean }) {
  const { t, formatNumber } = useI18n();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const bodyOf = (values: BandValues): BandInput => ({
    abovePct: typeof values.abovePct === "number" ? values.abovePct : Number.NaN,
    belowPct: typeof values.belowPct === "number" ? values.belowPct : Number.NaN,
  });
  const form = useForm<BandValues>({
    mode: "controlled",
    initialValues: { abovePct: band.abovePct, belowPct: band.belowPct },
    validate: (values) => zodErrors(bandBody, bodyOf(values), t),
  });
  const save = useMutation({
    mutationFn: (values: BandValues) => api<Band>("PUT", "/api/v1/rate-card/settings", bodyOf(values)),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: RATE_CARD_KEY });
    },
  });
  const input = (key: keyof BandValues) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(save.error, key),
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="rate-card-band">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="rate-card-band">
          {t("rateCard.band.title")}
        </Title>
        <Text fz="sm" c="dimmed">
          {t("rateCard.band.intro")}
        </Text>
        <Text>{t("rateCard.band.current", { above: formatNumber(band.abovePct), below: formatNumber(band.belowPct) })}</Text>
        {canEdit && (
          <form
            noValidate
            aria-labelledby="rate-card-band"
            onSubmit={form.onSubmit((values) => {
              setSaved(false);
              save.mutate(values);
            })}
          >
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput label={t("rateCard.band.above")} required min={0} max={1000} {...input("abovePct")} />
                <NumberInput label={t("rateCard.band.below")} required min={0} max={100} {...input("belowPct")} />
              </SimpleGrid>
              {formError(save.error, ["abovePct", "belowPct"]) && (
                <Alert color="red" role="alert">
                  {formError(save.error, ["abovePct", "belowPct"])}
                </Alert>
              )}
              {saved && (
                <Text role="status" c="green.9">
                  {t("rateCard.band.saved")}
                </Text>
              )}
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t("rateCard.band.submit")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

/** The contract lines outside the band, with the difference and a reason to record per line. */
function FairnessList() {
  const { t, formatDate, formatNumber } = useI18n();
  const { euro, pct } = useMoney();
  const fairness = useQuery({
    queryKey: FAIRNESS_KEY,
    queryFn: () => api<Fairness>("GET", "/api/v1/rate-card/fairness?flagged=true"),
    retry: false,
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="fairness-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="fairness-title">
          {t("fairness.title")}
        </Title>
        <Text fz="sm" c="dimmed">
          {t("fairness.intro")}
        </Text>
        {fairness.isError && <Alert color="red">{t("fairness.loadFailed")}</Alert>}
        {fairness.isPending && <Loader size="sm" />}
        {fairness.data && fairness.data.items.length === 0 && <Text c="gray.7">{t("fairness.empty")}</Text>}
        {fairness.data && fairness.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" aria-labelledby="fairness-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("fairness.col.line")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("fairness.col.rate")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("fairness.col.card")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("fairness.col.difference")}
                  </Table.Th>
                  <Table.Th scope="col">{t("fairness.col.flags")}</Table.Th>
                  <Table.Th scope="col">{t("fairness.col.reason")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fairness.data.items.map((item) => (
                  <Table.Tr key={item.lineId} data-testid={`fairness-${item.lineId}`}>
                    <Table.Td>
                      <Text fw={600}>{item.clientName}</Text>
                      <Text fz="sm">{item.contractTitle}</Text>
                      <Text fz="sm" c="dimmed">
                        {item.role} · {formatDate(item.startsOn)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text>{t("fairness.perHour", { amount: euro(item.hourlyRateCents) })}</Text>
                      <Text fz="sm" c="dimmed">
                        {formatNumber(item.hoursPerYear)} × = {t("fairness.perYear", { amount: euro(item.annualCents) })}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {item.card ? (
                        <>
                          <Text>{euro(item.card.hourlyRateCents)}</Text>
                          <Text fz="sm" c="dimmed">
                            {t("fairness.cardFrom", { date: formatDate(item.card.validFrom) })}
                          </Text>
                        </>
                      ) : (
                        t("fairness.noCard")
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {item.differenceCents !== null && item.differencePct !== null ? (
                        <>
                          <Text c={item.differenceCents === 0 ? undefined : "red.9"} fw={600}>
                            {euro(item.differenceCents, true)} ({pct(item.differencePct)})
                          </Text>
                          {item.annualDifferenceCents !== null && (
                            <Text fz="sm" c="dimmed">
                              {t("fairness.perYear", { amount: euro(item.annualDifferenceCents, true) })}
                            </Text>
                          )}
                        </>
                      ) : (
                        "—"
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {item.flags.map((flag) => (
                          <Badge key={flag} color={flag === "no_card" ? "gray" : "red"} variant="light">
                            {t(`fairness.flag.${flag}`)}
                          </Badge>
                        ))}
                      </Group>
                      {item.inconsistentWith.length > 0 && (
                        <Text fz="sm" mt={4}>
                          {t("fairness.others", {
                            list: item.inconsistentWith.map((other) => `${other.clientName} ${euro(other.hourlyRateCents)}`).join(", "),
                          })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td miw={240}>
                      <ReasonForm item={item} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function ReasonForm({ item }: { item: FairnessLine }) {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm<{ reason: string }>({
    mode: "controlled",
    initialValues: { reason: item.reason?.text ?? "" },
    validate: (values) => zodErrors(reasonBody, values, t),
  });
  const save = useMutation({
    mutationFn: (values: { reason: string }) =>
      api<unknown>("PUT", `/api/v1/rate-card/fairness/${item.contractId}/lines/${item.lineId}/reason`, values),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: FAIRNESS_KEY });
    },
  });
  const label = t("fairness.reason.label", { role: item.role, client: item.clientName });
  return (
    <form
      noValidate
      aria-label={label}
      onSubmit={form.onSubmit((values) => {
        setSaved(false);
        save.mutate(values);
      })}
    >
      <Stack gap={4}>
        <TextInput
          aria-label={label}
          {...form.getInputProps("reason")}
          error={(form.errors.reason as string | undefined) ?? fieldError(save.error, "reason") ?? formError(save.error, ["reason"])}
        />
        <Group gap="xs">
          <Button type="submit" size="compact-sm" variant="light" loading={save.isPending}>
            {t("fairness.reason.save")}
          </Button>
          {saved && (
            <Text role="status" fz="sm" c="green.9">
              {t("fairness.reason.saved")}
            </Text>
          )}
        </Group>
        {item.reason && (
          <Text fz="xs" c="dimmed">
            {t("fairness.reason.by", { name: item.reason.recordedBy ?? "—", date: formatDateTime(item.reason.recordedAt) })}
          </Text>
        )}
      </Stack>
    </form>
  );
}
