import { Alert, Button, Card, Group, NumberInput, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Contact } from "../../../../src/modules/clients/clients.schemas.ts";
import type { PortalLink } from "../../../../src/modules/portal/portal.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { CopyableValue } from "../../layout/CopyableValue.tsx";
import { TrackRecordSwitch } from "./TrackRecordSwitch.tsx";

/**
 * Portal links of a client: hand a contact a link to see what was promised to
 * them. The address is shown once; links expire and can be revoked.
 */
export function ClientPortalLinks({ clientId, contacts, canManage }: { clientId: string; contacts: Contact[]; canManage: boolean }) {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [contactId, setContactId] = useState<string | null>(null);
  const [days, setDays] = useState<number | string>(30);
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const queryKey = ["portal-links", clientId];
  const links = useQuery({ queryKey, queryFn: () => api<{ items: PortalLink[] }>("GET", `/api/v1/clients/${clientId}/portal-links`) });
  const create = useMutation({
    mutationFn: () =>
      api<PortalLink & { url: string }>("POST", `/api/v1/clients/${clientId}/portal-links`, { contactId, expiresInDays: Number(days) }),
    onSuccess: (link) => {
      setCreatedUrl(link.url);
      void queryClient.invalidateQueries({ queryKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (linkId: string) => api<void>("DELETE", `/api/v1/clients/${clientId}/portal-links/${linkId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const now = Date.now();
  const state = (link: PortalLink) =>
    link.revokedAt ? t("portal.links.revoked") : Date.parse(link.expiresAt) < now ? t("portal.links.expired") : t("portal.links.active");

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="portal-links-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="portal-links-title">
          {t("portal.links.title")}
        </Title>
        <Text fz="sm" c="dimmed">
          {t("portal.links.intro")}
        </Text>
        <TrackRecordSwitch clientId={clientId} />
        {canManage && contacts.length > 0 && (
          <form onSubmit={submit} noValidate>
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t("portal.links.contact")}
                data={contacts.map((c) => ({ value: c.id, label: c.name }))}
                value={contactId}
                onChange={setContactId}
                error={fieldError(create.error, "contactId")}
                w={240}
              />
              <NumberInput
                label={t("portal.links.days")}
                min={1}
                max={365}
                value={days}
                onChange={setDays}
                error={fieldError(create.error, "expiresInDays")}
                w={160}
              />
              <Button type="submit" loading={create.isPending} disabled={!contactId}>
                {t("portal.links.create")}
              </Button>
            </Group>
          </form>
        )}
        {canManage && contacts.length === 0 && <Text fz="sm">{t("portal.links.noContacts")}</Text>}
        {formError(create.error, ["contactId", "expiresInDays"]) && (
          <Alert color="red" role="alert">
            {formError(create.error, ["contactId", "expiresInDays"])}
          </Alert>
        )}
        {revoke.error && (
          <Alert color="red" role="alert">
            {revoke.error.message}
          </Alert>
        )}
        {createdUrl && (
          <Alert color="green" role="status">
            <Text fz="sm">{t("portal.links.created")}</Text>
            <CopyableValue value={createdUrl} />
          </Alert>
        )}
        {links.data && links.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("portal.links.contact")}</Table.Th>
                  <Table.Th scope="col">{t("portal.links.state")}</Table.Th>
                  <Table.Th scope="col">{t("portal.links.until")}</Table.Th>
                  <Table.Th scope="col">{t("portal.links.opened")}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t("portal.links.actions")}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {links.data.items.map((link) => (
                  <Table.Tr key={link.id}>
                    <Table.Td>{link.contact.name}</Table.Td>
                    <Table.Td>{state(link)}</Table.Td>
                    <Table.Td>{formatDateTime(link.expiresAt)}</Table.Td>
                    <Table.Td>
                      {link.lastOpenedAt
                        ? t("portal.links.openedTimes", { count: link.views, date: formatDateTime(link.lastOpenedAt) })
                        : t("portal.links.never")}
                    </Table.Td>
                    <Table.Td>
                      {canManage && !link.revokedAt && Date.parse(link.expiresAt) > now && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => revoke.mutate(link.id)}
                          aria-label={t("portal.links.revokeFor", { contact: link.contact.name })}
                        >
                          {t("portal.links.revoke")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
