import { Alert, Button, Group, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Contact } from "../../../../src/modules/clients/clients.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";

const FIELDS = ["name", "role", "email", "phone"];

export function ContactForm({ clientId, contact, onDone }: { clientId: string; contact?: Contact; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    name: contact?.name ?? "",
    role: contact?.role ?? "",
    email: contact?.email ?? "",
    phone: contact?.phone ?? "",
  });
  const set = (key: keyof typeof values) => (event: { currentTarget: { value: string } }) =>
    setValues({ ...values, [key]: event.currentTarget.value });
  const save = useMutation({
    mutationFn: () =>
      contact
        ? api<Contact>("PATCH", `/api/v1/clients/${clientId}/contacts/${contact.id}`, values)
        : api<Contact>("POST", `/api/v1/clients/${clientId}/contacts`, values),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ["contacts", clientId] });
      queryClient.invalidateQueries({ queryKey: ["client", clientId] });
      queryClient.invalidateQueries({ queryKey: ["clients"] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const error = save.error;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {formError(error, FIELDS) && (
          <Alert color="red" role="alert">
            {formError(error, FIELDS)}
          </Alert>
        )}
        <TextInput
          label={t("contacts.field.name")}
          required
          value={values.name}
          onChange={set("name")}
          error={fieldError(error, "name")}
          data-autofocus
        />
        <TextInput label={t("contacts.field.role")} value={values.role} onChange={set("role")} error={fieldError(error, "role")} />
        <TextInput
          label={t("contacts.field.email")}
          type="email"
          value={values.email}
          onChange={set("email")}
          error={fieldError(error, "email")}
        />
        <TextInput
          label={t("contacts.field.phone")}
          type="tel"
          value={values.phone}
          onChange={set("phone")}
          error={fieldError(error, "phone")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("app.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
