import { Alert, Button, Group, NumberInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { type Policy, type PolicyInput, policyBody } from "../../../../src/modules/incidents/incidents.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";

type Values = { discloseWithinHours: number | string; adminsAfterHours: number | string };
const FIELDS = ["discloseWithinHours", "adminsAfterHours"];
/** An empty field means "the default" (one working day). */
const hoursOf = (value: number | string): number | null => (value === "" ? null : Number(value));

/** The disclosure policy, for administrators: empty fields take one working day of the firm's own hours. */
export function PolicyForm() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const policy = useQuery({ queryKey: ["incident-policy"], queryFn: () => api<Policy>("GET", "/api/v1/incident-policy") });
  const bodyOf = (values: Values): PolicyInput => ({
    discloseWithinHours: hoursOf(values.discloseWithinHours),
    adminsAfterHours: hoursOf(values.adminsAfterHours),
  });
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { discloseWithinHours: "", adminsAfterHours: "" },
    validate: (values) => zodErrors(policyBody, bodyOf(values), t),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form once the saved policy arrives
  useEffect(() => {
    if (!policy.data) return;
    form.setValues({
      discloseWithinHours: policy.data.isDefault.discloseWithinHours ? "" : policy.data.discloseWithinHours,
      adminsAfterHours: policy.data.isDefault.adminsAfterHours ? "" : policy.data.adminsAfterHours,
    });
  }, [policy.data]);
  const save = useMutation({
    mutationFn: (body: PolicyInput) => api<Policy>("PUT", "/api/v1/incident-policy", body),
    onSuccess: (next) => {
      setSaved(true);
      queryClient.setQueryData(["incident-policy"], next);
      void queryClient.invalidateQueries({ queryKey: ["incidents"] });
    },
  });
  const input = (key: keyof Values) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(save.error, key),
  });
  const alert = formError(save.error, FIELDS);
  return (
    <form
      onSubmit={form.onSubmit((values) => {
        setSaved(false);
        save.mutate(bodyOf(values));
      })}
      noValidate
      aria-label={t("incidents.policy.title")}
    >
      <Stack gap="xs">
        <Text fw={600}>{t("incidents.policy.title")}</Text>
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <Group align="flex-end" wrap="wrap" gap="sm">
          <NumberInput
            label={t("incidents.policy.within")}
            description={t("incidents.policy.default")}
            min={0.25}
            max={1000}
            decimalScale={2}
            w={240}
            {...input("discloseWithinHours")}
          />
          <NumberInput
            label={t("incidents.policy.admins")}
            description={t("incidents.policy.default")}
            min={0.25}
            max={1000}
            decimalScale={2}
            w={240}
            {...input("adminsAfterHours")}
          />
          <Button type="submit" variant="default" loading={save.isPending}>
            {t("app.save")}
          </Button>
          {saved && (
            <Text fz="sm" role="status">
              {t("incidents.policy.saved")}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
