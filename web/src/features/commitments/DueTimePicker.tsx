import { DateTimePicker } from "@mantine/dates";
import { useI18n } from "../../i18n/i18n.tsx";
import { browserTimeZone, isoToWall, wallToIso } from "./time.ts";

/**
 * A due date and time, picked on the organization's wall clock (`timeZone`)
 * and handed over as ISO 8601 with that zone's offset.
 */
export function DueTimePicker({
  label,
  value,
  onChange,
  timeZone,
  error,
  description,
  required,
  minDate,
}: {
  label: string;
  value: string | undefined;
  onChange: (iso: string | undefined) => void;
  timeZone: string;
  error?: string | undefined;
  description?: string | undefined;
  required?: boolean;
  minDate?: string | undefined;
}) {
  const { t } = useI18n();
  const zoneNote = timeZone === browserTimeZone() ? undefined : t("commitments.due.zone", { zone: timeZone });
  return (
    <DateTimePicker
      label={label}
      required={required}
      description={[description, zoneNote].filter(Boolean).join(" ") || undefined}
      value={value ? isoToWall(value, timeZone) : null}
      onChange={(wall) => onChange(wallToIso(wall, timeZone))}
      valueFormat="dddd D MMMM YYYY, HH:mm"
      error={error}
      minDate={minDate}
      placeholder={t("commitments.due.pick")}
      styles={{ placeholder: { color: "var(--mantine-color-gray-7)" } }}
      defaultTimeValue="17:00"
      // Mantine's grey outside days and red weekends are below 4.5:1 contrast.
      hideOutsideDates
      weekendDays={[]}
      nextLabel={t("commitments.due.nextMonth")}
      previousLabel={t("commitments.due.previousMonth")}
      timePickerProps={{
        hoursInputLabel: t("commitments.due.hours"),
        minutesInputLabel: t("commitments.due.minutes"),
      }}
      submitButtonProps={{ "aria-label": t("commitments.due.confirm") }}
      popoverProps={{ withinPortal: true }}
    />
  );
}
