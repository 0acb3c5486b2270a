import { Alert, Button, Group, NumberInput, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useId, useState } from "react";
import { type CorrectionInput, correctionBody } from "../../../../src/modules/contracts/contracts.schemas.ts";
import { fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { toCents } from "./money.ts";
import { useCorrectionLetter, useRecordCorrection } from "./queries.ts";

type RaisedBy = CorrectionInput["raisedBy"];
type Values = { refundEuro: number | string; note: string };
const FIELD_OF: Record<string, string> = { refundCents: "refundEuro" };
const FIELDS = ["refundCents", "note"];

/**
 * Records a correction of what the audit found charged too much: made by us
 * (with the drafted letter to the client, Dutch or English, to edit; it is
 * saved with the correction) or raised by the client (with a note).
 */
export function CorrectionForm({
  contractId,
  raisedBy,
  uncorrectedCents,
  onDone,
}: {
  contractId: string;
  raisedBy: RaisedBy;
  uncorrectedCents: number;
  onDone: () => void;
}) {
  const { t, language, locale } = useI18n();
  const languageLabel = useId();
  const [letterLanguage, setLetterLanguage] = useState<"nl" | "en">(language);
  const [saved, setSaved] = useState(false);
  const record = useRecordCorrection(contractId);
  const bodyOf = (values: Values): CorrectionInput => ({
    raisedBy,
    refundCents: toCents(values.refundEuro),
    ...(values.note.trim() ? { note: values.note } : {}),
  });
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { refundEuro: Math.max(0, uncorrectedCents) / 100, note: "" },
    validate: (values) => zodErrors(correctionBody, bodyOf(values), t, (path) => FIELD_OF[path] ?? path),
  });
  // The letter follows the amount (once typing stops) and the language; the text is the user's to edit after that.
  const refundCents = toCents(form.values.refundEuro);
  const [letterCents] = useDebouncedValue(Number.isInteger(refundCents) && refundCents >= 0 ? refundCents : null, 400);
  const letter = useCorrectionLetter(contractId, letterLanguage, letterCents, raisedBy === "us" && !saved);
  const drafted = letter.data ? `${letter.data.subject}\n\n${letter.data.body}` : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new draft replaces the text
  useEffect(() => {
    if (drafted) form.setFieldValue("note", drafted);
  }, [drafted]);
  const input = (key: keyof Values, apiPath: string = key) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(record.error, apiPath),
  });
  const alert = formError(record.error, FIELDS);
  const nl = locale.startsWith("nl");
  const title = t(raisedBy === "us" ? "contracts.correction.usTitle" : "contracts.correction.clientTitle");
  return (
    <form
      noValidate
      aria-label={title}
      onSubmit={form.onSubmit((values) => {
        record.mutate(bodyOf(values), {
          onSuccess: () => {
            setSaved(true);
            onDone();
          },
        });
      })}
    >
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {t(raisedBy === "us" ? "contracts.correction.usIntro" : "contracts.correction.clientIntro")}
        </Text>
        <NumberInput
          label={t("contracts.correction.refund")}
          required
          min={0}
          decimalScale={2}
          decimalSeparator={nl ? "," : "."}
          thousandSeparator={nl ? "." : ","}
          maw={260}
          {...input("refundEuro", "refundCents")}
        />
        {raisedBy === "us" && (
          <Group gap="sm" align="center">
            <Text fz="sm" id={languageLabel}>
              {t("contracts.correction.letterLanguage")}
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby={languageLabel}
              value={letterLanguage}
              onChange={(value) => setLetterLanguage(value as "nl" | "en")}
              data={[
                { value: "nl", label: "Nederlands" },
                { value: "en", label: "English" },
              ]}
            />
          </Group>
        )}
        {letter.error && (
          <Alert color="red" role="alert">
            {letter.error.message}
          </Alert>
        )}
        <Textarea
          label={t(raisedBy === "us" ? "contracts.correction.letter" : "contracts.correction.note")}
          description={raisedBy === "us" ? t("contracts.correction.letterHint") : undefined}
          autosize
          minRows={raisedBy === "us" ? 8 : 2}
          maxRows={18}
          {...input("note")}
        />
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        {saved && (
          <Text role="status" c="green.9">
            {t("contracts.correction.saved")}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={record.isPending} disabled={saved}>
            {t(raisedBy === "us" ? "contracts.correction.usSubmit" : "contracts.correction.clientSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
