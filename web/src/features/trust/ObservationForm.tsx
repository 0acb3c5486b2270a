import { Alert, Button, Group, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRUST_CORES, type TrustCore } from "../../../../src/core/trust/cores.ts";
import { observationBody } from "../../../../src/modules/trust/trust.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { type TrustKey, useTrustText } from "./messages.ts";
import { trustKeys } from "./queries.ts";

type Values = { core: string; direction: string; strength: string; reason: string };
const FIELDS = ["core", "direction", "strength", "reason"];
const STRENGTHS = ["1", "2", "3"] as const;

const bodyOf = (values: Values) => ({
  core: values.core,
  direction: values.direction,
  strength: Number(values.strength),
  reason: values.reason,
});

/**
 * A colleague's own observation on one core: which way it points, how strong
 * a sign it is, and what was seen. Checked against the API's schema before it
 * is sent; saved, it refreshes the scores, the evidence and the trend.
 */
export function ObservationForm({ clientId, core, onDone }: { clientId: string; core: TrustCore; onDone: (saved?: TrustCore) => void }) {
  const { t, tr, coreName } = useTrustText();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { core, direction: "", strength: "1", reason: "" },
    validate: (values) => {
      const errors = zodErrors(observationBody, bodyOf(values), t);
      // A choice not made yet is asked for as a choice, not as text to fill in.
      for (const field of ["core", "direction"] as const) if (errors[field] && values[field] === "") errors[field] = t("form.choose");
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => api("POST", `/api/v1/clients/${clientId}/evidence`, bodyOf(values)),
    onSuccess: (_saved, values) => {
      void queryClient.invalidateQueries({ queryKey: trustKeys.client(clientId) });
      onDone(values.core as TrustCore);
    },
  });
  const error = save.error;
  const errorOf = (key: keyof Values) => (form.errors[key] as string | undefined) ?? fieldError(error, key);
  const alert = formError(error, FIELDS);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <Text fz="sm">{tr("trust.observe.intro")}</Text>
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <Radio.Group label={tr("trust.observe.core")} required {...form.getInputProps("core")} error={errorOf("core")}>
          <Group gap="md" mt={4}>
            {TRUST_CORES.map((one) => (
              <Radio key={one} value={one} label={coreName(one)} />
            ))}
          </Group>
        </Radio.Group>
        <Radio.Group label={tr("trust.observe.direction")} required {...form.getInputProps("direction")} error={errorOf("direction")}>
          <Group gap="md" mt={4}>
            <Radio value="positive" label={tr("trust.observe.positive")} />
            <Radio value="negative" label={tr("trust.observe.negative")} />
          </Group>
        </Radio.Group>
        <Radio.Group label={tr("trust.observe.strength")} required {...form.getInputProps("strength")} error={errorOf("strength")}>
          <Group gap="md" mt={4}>
            {STRENGTHS.map((strength) => (
              <Radio key={strength} value={strength} label={`${strength} · ${tr(`trust.observe.strength.${strength}` as TrustKey)}`} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={tr("trust.observe.reason")}
          required
          autosize
          minRows={3}
          {...form.getInputProps("reason")}
          error={errorOf("reason")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone()}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {tr("trust.observe.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
