import { Alert, Button, Group, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Contact, createContactBody } from "../../../../src/modules/clients/clients.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";

type Values = { name: string; role: string; email: string; phone: string };

const FIELDS = ["name", "role", "email", "phone"];

export function ContactForm({ clientId, contact, onDone }: { clientId: string; contact?: Contact; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      name: contact?.name ?? "",
      role: contact?.role ?? "",
      email: contact?.email ?? "",
      phone: contact?.phone ?? "",
    },
    // The API's own schema, its issues in the UI's words, before anything is sent
    // (an edit sends every field, so the create schema holds for it too).
    validate: (values) => zodErrors(createContactBody, values, t),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
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
  const error = save.error;
  /** A field's props: its value, and the form's own message first, else the server's. */
  const input = (key: keyof Values) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(error, key),
  });
  const alert = formError(error, FIELDS);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <TextInput label={t("contacts.field.name")} required {...input("name")} data-autofocus />
        <TextInput label={t("contacts.field.role")} {...input("role")} />
        <TextInput label={t("contacts.field.email")} type="email" {...input("email")} />
        <TextInput label={t("contacts.field.phone")} type="tel" {...input("phone")} />
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
