import { Alert, Button, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useId, useState } from "react";
import { type IncreaseInput, increaseBody } from "../../../../src/modules/contracts/contracts.schemas.ts";
import { fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { toCents } from "./money.ts";
import { codeError, useRecordIncrease } from "./queries.ts";

type Mode = "pct" | "price";
type Values = { effectiveOn: string; mode: Mode; appliedPct: number | string; newPriceEuro: number | string };
const FIELD_OF: Record<string, string> = { newPriceCents: "newPriceEuro" };
const FIELDS = ["effectiveOn", "appliedPct", "newPriceCents"];
/** Refusals of the server that are about the date. */
const DATE_CODES = ["contracts.increase_before_start", "contracts.increase_exists"];

/** Records the increase actually applied in a contract year: a percentage or the new price in euro. */
export function IncreaseForm({ contractId, onDone }: { contractId: string; onDone: () => void }) {
  const { t, locale } = useI18n();
  const modeLabel = useId();
  const [saved, setSaved] = useState(false);
  const record = useRecordIncrease(contractId);
  const bodyOf = (values: Values): IncreaseInput => ({
    effectiveOn: values.effectiveOn,
    ...(values.mode === "pct"
      ? { appliedPct: typeof values.appliedPct === "number" ? values.appliedPct : Number.NaN }
      : { newPriceCents: toCents(values.newPriceEuro) }),
  });
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { effectiveOn: "", mode: "pct", appliedPct: "", newPriceEuro: "" },
    validate: (values) => zodErrors(increaseBody, bodyOf(values), t, (path) => FIELD_OF[path] ?? path),
  });
  const input = (key: keyof Values, apiPath: string = key) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(record.error, apiPath),
  });
  const dateError =
    (form.errors.effectiveOn as string | undefined) ?? fieldError(record.error, "effectiveOn") ?? codeError(record.error, DATE_CODES);
  const alert = codeError(record.error, DATE_CODES) ? undefined : formError(record.error, FIELDS);
  const nl = locale.startsWith("nl");
  return (
    <form
      noValidate
      aria-label={t("contracts.increase.title")}
      onSubmit={form.onSubmit((values) => {
        setSaved(false);
        record.mutate(bodyOf(values), {
          onSuccess: () => {
            form.reset();
            setSaved(true);
            onDone();
          },
        });
      })}
    >
      <Stack gap="sm">
        <Group gap="sm" align="center">
          <Text fz="sm" id={modeLabel}>
            {t("contracts.increase.mode")}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby={modeLabel}
            data={[
              { value: "pct", label: t("contracts.increase.modePct") },
              { value: "price", label: t("contracts.increase.modePrice") },
            ]}
            {...form.getInputProps("mode")}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t("contracts.increase.effectiveOn")}
            required
            {...form.getInputProps("effectiveOn")}
            error={dateError}
          />
          {form.values.mode === "pct" ? (
            <NumberInput
              label={t("contracts.increase.appliedPct")}
              required
              decimalScale={4}
              decimalSeparator={nl ? "," : "."}
              {...input("appliedPct")}
            />
          ) : (
            <NumberInput
              label={t("contracts.increase.newPrice")}
              required
              min={0}
              decimalScale={2}
              decimalSeparator={nl ? "," : "."}
              thousandSeparator={nl ? "." : ","}
              {...input("newPriceEuro", "newPriceCents")}
            />
          )}
        </SimpleGrid>
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        {saved && (
          <Text role="status" c="green.9">
            {t("contracts.increase.saved")}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={record.isPending}>
            {t("contracts.increase.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
