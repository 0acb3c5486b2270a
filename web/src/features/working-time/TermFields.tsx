import { Group, NumberInput, Select } from "@mantine/core";
import { fieldError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { type DurationUnit, UNITS } from "./queries.ts";

/**
 * "4 working hours": the term of an SLA policy and of a client's own agreement,
 * entered the same way in both dialogs, each field showing the form's own error
 * for it (`errors`), else the server's.
 */
export function TermFields({
  amount,
  unit,
  onAmount,
  onUnit,
  error,
  errors = {},
}: {
  amount: number | string;
  unit: DurationUnit;
  onAmount: (amount: number | string) => void;
  onUnit: (unit: DurationUnit) => void;
  error: Error | null;
  errors?: { amount?: string | undefined; unit?: string | undefined };
}) {
  const { t } = useI18n();
  return (
    <Group grow align="flex-start">
      <NumberInput
        label={t("sla.field.amount")}
        required
        min={1}
        max={1000}
        allowDecimal={false}
        value={amount}
        onChange={onAmount}
        error={errors.amount ?? fieldError(error, "amount")}
      />
      <Select
        label={t("sla.field.unit")}
        data={UNITS.map((choice) => ({ value: choice, label: t(`sla.unit.${choice}`) }))}
        value={unit}
        onChange={(value) => value && onUnit(value as DurationUnit)}
        allowDeselect={false}
        error={errors.unit ?? fieldError(error, "unit")}
      />
    </Group>
  );
}
