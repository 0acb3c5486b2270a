import { Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { dateTimePattern, formatDateTimeText, parseDateTimeText } from "../../forms/date-text.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { browserTimeZone, formatDue, isoToWall, wallToIso } from "./time.ts";

/**
 * A due date and time typed on the keyboard ("4-12-2026 14:00" in Dutch,
 * "4/12/2026 14:00" in English), read on the organization's wall clock and
 * handed over as ISO 8601; below it, what was understood, in words.
 */
export function DueInput({
  label,
  value,
  onChange,
  timeZone,
  now,
  error,
  required,
  description,
}: {
  label: string;
  value: string | undefined;
  onChange: (iso: string | undefined, text: string) => void;
  timeZone: string;
  now: number;
  error?: string | undefined;
  required?: boolean;
  /** Said before how to type it. */
  description?: string | undefined;
}) {
  const { t, language, locale } = useI18n();
  const [text, setText] = useState(() => (value ? formatDateTimeText(isoToWall(value, timeZone), language) : ""));
  const zoneNote = timeZone === browserTimeZone() ? undefined : t("commitments.due.zone", { zone: timeZone });
  const understood = value ? t("commitments.due.understood", { due: formatDue(value, timeZone, locale, now) }) : undefined;
  return (
    <Stack gap={4}>
      <TextInput
        label={label}
        required={required}
        placeholder={dateTimePattern(language)}
        description={[description, t("commitments.due.typeHint", { pattern: dateTimePattern(language) }), zoneNote]
          .filter(Boolean)
          .join(" ")}
        value={text}
        onChange={(event) => {
          const next = event.currentTarget.value;
          setText(next);
          const wall = parseDateTimeText(next);
          onChange(wall ? wallToIso(wall, timeZone) : undefined, next);
        }}
        error={error}
        autoComplete="off"
      />
      <Text fz="sm" aria-live="polite">
        {understood ?? ""}
      </Text>
    </Stack>
  );
}
