import { Alert, Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useEffect, useState } from "react";
import {
  DISCLOSURE_CHANNELS,
  type DisclosureChannel,
  type DisclosureInput,
  disclosureBody,
} from "../../../../src/modules/incidents/incidents.schemas.ts";
import { fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTimeZone } from "../commitments/queries.ts";
import { wallToIso } from "../commitments/time.ts";
import { useDisclose, useDraft } from "./queries.ts";
import { wallNow } from "./wall.ts";

type Values = { channel: DisclosureChannel | null; disclosedWall: string; message: string };
const FIELDS = ["clientId", "channel", "disclosedAt", "message"];

/**
 * Recording that one client was told: the drafted message (Dutch or English,
 * from the error's own fields) fills the text to edit; when, and how.
 */
export function DiscloseForm({ incidentId, clientId, clientName }: { incidentId: string; clientId: string; clientName: string }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const [draftLanguage, setDraftLanguage] = useState<"nl" | "en">(language);
  const draft = useDraft(incidentId, clientId, draftLanguage, true);
  const disclose = useDisclose(incidentId);
  // Edited by the user, not by the default below: Mantine counts any setFieldValue as "touched".
  const [disclosedEdited, setDisclosedEdited] = useState(false);
  // Untouched, "when" is now on the server's clock: the browser's may run ahead of it, and a
  // moment in the future would be refused.
  const bodyOf = (values: Values, edited = true): DisclosureInput => ({
    clientId,
    channel: values.channel as DisclosureChannel,
    ...(edited ? { disclosedAt: wallToIso(values.disclosedWall, timeZone) ?? "" } : {}),
    message: values.message,
  });
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { channel: "call", disclosedWall: wallNow(timeZone), message: "" },
    validate: (values) =>
      zodErrors(disclosureBody, bodyOf(values), t, (path) =>
        path === "disclosedAt" ? "disclosedWall" : path === "clientId" ? undefined : path,
      ),
  });
  // The draft fills the message once it arrives (or the language changes); what the user typed is theirs after that.
  const draftMessage = draft.data?.message;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new draft replaces the text
  useEffect(() => {
    if (draftMessage) form.setFieldValue("message", draftMessage);
  }, [draftMessage]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new time zone moves the default
  useEffect(() => {
    if (!disclosedEdited) form.setFieldValue("disclosedWall", wallNow(timeZone));
  }, [timeZone]);
  const input = (key: keyof Values, apiPath: string = key) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(disclose.error, apiPath),
  });
  const alert = formError(disclose.error, FIELDS);
  return (
    <form
      onSubmit={form.onSubmit((values) => disclose.mutate(bodyOf(values, disclosedEdited)))}
      noValidate
      aria-label={`${t("incidents.disclose")}: ${clientName}`}
    >
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="datetime-local"
            label={t("incidents.field.disclosedAt")}
            required
            {...input("disclosedWall", "disclosedAt")}
            onChange={(event) => {
              setDisclosedEdited(true);
              form.getInputProps("disclosedWall").onChange(event);
            }}
          />
          <Select
            label={t("incidents.field.channel")}
            required
            data={DISCLOSURE_CHANNELS.map((value) => ({ value, label: t(`incidents.channel.${value}`) }))}
            {...input("channel")}
          />
        </SimpleGrid>
        <Group gap="sm" align="center">
          <Text fz="sm" id={`draft-language-${clientId}`}>
            {t("incidents.draftLanguage")}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby={`draft-language-${clientId}`}
            value={draftLanguage}
            onChange={(value) => setDraftLanguage(value as "nl" | "en")}
            data={[
              { value: "nl", label: "Nederlands" },
              { value: "en", label: "English" },
            ]}
          />
        </Group>
        <Textarea
          label={t("incidents.field.message")}
          description={t("incidents.draftHint")}
          required
          autosize
          minRows={6}
          maxRows={16}
          {...input("message")}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={disclose.isPending}>
            {t("incidents.disclose")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
