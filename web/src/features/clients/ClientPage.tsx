import { Alert, Anchor, Badge, Button, Card, Group, Loader, Modal, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { canActOnOthersCommitments, canArchiveClients, canSeeTrust } from "../../../../src/core/roles.ts";
import type { Client, Contact } from "../../../../src/modules/clients/clients.schemas.ts";
import { ApiError, api, fieldError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { ContactRhythm } from "../at-risk/ContactRhythm.tsx";
import { useMe } from "../auth/session.ts";
import { ClientConduct } from "../client-conduct/ClientConduct.tsx";
import { ClientCommitments } from "../commitments/ClientCommitments.tsx";
import { ClientContracts } from "../contracts/ClientContracts.tsx";
import { ClientEngagements } from "../engagements/ClientEngagements.tsx";
import { ClientIntegrity } from "../integrity/ClientIntegrity.tsx";
import { ClientTimeline } from "../interactions/ClientTimeline.tsx";
import { ClientPortalLinks } from "../portal/ClientPortalLinks.tsx";
import { ClientSlaAgreements } from "../working-time/ClientSlaAgreements.tsx";
import { ClientForm } from "./ClientForm.tsx";
import { ContactForm } from "./ContactForm.tsx";

/** The trust ledger (scores, charts, evidence) loads with its own chunk when a client page first shows it. */
const ClientTrustSection = lazy(() => import("../trust/ClientTrust.tsx").then((module) => ({ default: module.ClientTrustSection })));
/** The client pulse and the team pulse, likewise. */
const ClientPulseSections = lazy(() => import("../pulse/ClientPulse.tsx").then((module) => ({ default: module.ClientPulseSections })));

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text fz="xs" c="gray.7" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text>{children}</Text>
    </div>
  );
}

export function ClientPage() {
  const { t, formatDate } = useI18n();
  const { id } = useParams({ from: "/app/clients/$id" });
  const me = useMe();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [contactForm, setContactForm] = useState<{ contact?: Contact } | null>(null);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const client = useQuery({ queryKey: ["client", id], queryFn: () => api<Client>("GET", `/api/v1/clients/${id}`), retry: false });
  const contacts = useQuery({
    queryKey: ["contacts", id],
    queryFn: () => api<{ items: Contact[] }>("GET", `/api/v1/clients/${id}/contacts`).then((r) => r.items),
    retry: false,
  });
  const archive = useMutation({
    mutationFn: (archived: boolean) => api<Client>("POST", `/api/v1/clients/${id}/${archived ? "archive" : "restore"}`),
    onSuccess: (saved) => {
      queryClient.setQueryData(["client", id], saved);
      queryClient.invalidateQueries({ queryKey: ["clients"] });
    },
  });
  usePageTitle(client.data?.name ?? t("clients.title"));
  const remove = useMutation({
    mutationFn: (contact: Contact) => api<void>("DELETE", `/api/v1/clients/${id}/contacts/${contact.id}`),
    onSuccess: () => {
      setRemoving(null);
      queryClient.invalidateQueries({ queryKey: ["contacts", id] });
      queryClient.invalidateQueries({ queryKey: ["client", id] });
      queryClient.invalidateQueries({ queryKey: ["clients"] });
    },
  });

  if (client.isPending) return <Loader aria-label={t("app.loading")} />;
  if (client.error || !client.data) {
    // A malformed address (not an id at all) is as missing as an unknown client.
    const malformed = client.error instanceof ApiError && client.error.status === 400 && fieldError(client.error, "id") !== undefined;
    return (
      <Stack>
        <Anchor component={Link} to="/clients">
          ← {t("clients.back")}
        </Anchor>
        <Title order={1}>{t("app.error")}</Title>
        <Alert color="red" role="alert">
          {malformed ? t("clients.notFound") : client.error?.message}
        </Alert>
      </Stack>
    );
  }
  const c = client.data;
  const canArchive = me.data ? canArchiveClients(me.data.role) : false;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/clients" fz="sm">
        ← {t("clients.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={1}>{c.name}</Title>
            <Badge variant="light" color={c.kind === "company" ? "brand" : "grape"}>
              {t(`clients.kind.${c.kind}`)}
            </Badge>
            {c.archivedAt && <Badge color="gray">{t("clients.archivedOn", { date: formatDate(c.archivedAt) })}</Badge>}
          </Group>
          <Text c="gray.7" fz="sm">
            {t("clients.since", { date: formatDate(c.createdAt) })}
          </Text>
        </div>
        <Group>
          <Button variant="default" onClick={() => setEditing(true)}>
            {t("app.edit")}
          </Button>
          {canArchive && (
            <Button
              variant="default"
              color={c.archivedAt ? "brand" : "red"}
              loading={archive.isPending}
              onClick={() => archive.mutate(!c.archivedAt)}
            >
              {c.archivedAt ? t("clients.restore") : t("clients.archive")}
            </Button>
          )}
        </Group>
      </Group>
      {archive.error && (
        <Alert color="red" role="alert">
          {archive.error.message}
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="client-details">
        <Title order={2} fz="h4" id="client-details" mb="sm">
          {t("clients.details")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Field label={t("clients.field.owner")}>{c.accountOwner?.name ?? t("app.none")}</Field>
          <Field label={t("clients.field.team")}>{c.team?.name ?? t("app.none")}</Field>
          <Field label={t("clients.field.email")}>{c.email ? <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor> : t("app.none")}</Field>
          <Field label={t("clients.field.phone")}>
            {c.phone ? <Anchor href={`tel:${c.phone.replace(/\s/g, "")}`}>{c.phone}</Anchor> : t("app.none")}
          </Field>
          <Field label={t("clients.field.website")}>
            {c.website ? (
              <Anchor href={c.website} target="_blank" rel="noreferrer">
                {c.website}
              </Anchor>
            ) : (
              t("app.none")
            )}
          </Field>
        </SimpleGrid>
        {c.notes && (
          <Stack gap={4} mt="md">
            <Text fz="xs" c="gray.7" tt="uppercase" fw={600}>
              {t("clients.field.notes")}
            </Text>
            <Text style={{ whiteSpace: "pre-wrap" }}>{c.notes}</Text>
          </Stack>
        )}
      </Card>
      {me.data && canSeeTrust(me.data.role) && <ContactRhythm clientId={id} />}
      <ClientCommitments clientId={id} />
      {me.data && canSeeTrust(me.data.role) && (
        <Suspense fallback={<Loader size="sm" aria-label={t("app.loading")} />}>
          <ClientTrustSection clientId={id} />
        </Suspense>
      )}
      {me.data && canSeeTrust(me.data.role) && (
        <Suspense fallback={<Loader size="sm" aria-label={t("app.loading")} />}>
          <ClientPulseSections clientId={id} />
        </Suspense>
      )}
      <ClientTimeline clientId={id} contacts={contacts.data ?? []} />
      <Card withBorder component="section" aria-labelledby="client-contacts">
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="h4" id="client-contacts">
            {t("contacts.title")}
          </Title>
          <Button size="xs" onClick={() => setContactForm({})}>
            {t("contacts.add")}
          </Button>
        </Group>
        {contacts.data && contacts.data.length === 0 && <Text c="gray.7">{t("contacts.empty")}</Text>}
        {contacts.data && contacts.data.length > 0 && (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("contacts.field.name")}</Table.Th>
                  <Table.Th scope="col">{t("contacts.field.role")}</Table.Th>
                  <Table.Th scope="col">{t("contacts.field.email")}</Table.Th>
                  <Table.Th scope="col">{t("contacts.field.phone")}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t("app.edit")}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.data.map((contact) => (
                  <Table.Tr key={contact.id}>
                    <Table.Td fw={500}>{contact.name}</Table.Td>
                    <Table.Td>{contact.role ?? t("app.none")}</Table.Td>
                    <Table.Td>{contact.email ? <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor> : t("app.none")}</Table.Td>
                    <Table.Td>{contact.phone ?? t("app.none")}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={`${t("app.edit")}: ${contact.name}`}
                          onClick={() => setContactForm({ contact })}
                        >
                          {t("app.edit")}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={`${t("app.delete")}: ${contact.name}`}
                          onClick={() => setRemoving(contact)}
                        >
                          {t("app.delete")}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <ClientConduct clientId={id} />
      {me.data && canSeeTrust(me.data.role) && <ClientContracts clientId={id} />}
      <ClientSlaAgreements clientId={id} />
      <ClientPortalLinks
        clientId={id}
        contacts={contacts.data ?? []}
        canManage={me.data ? me.data.id === c.accountOwner?.id || canActOnOthersCommitments(me.data.role) : false}
      />
      {me.data && canSeeTrust(me.data.role) && <ClientIntegrity clientId={id} />}
      <ClientEngagements clientId={id} />
      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={editing}
        onClose={() => setEditing(false)}
        title={t("clients.edit")}
        size="lg"
      >
        {/* A new version (after a reload on conflict) starts the form afresh from what is saved now. */}
        <ClientForm key={c.version} client={c} onCancel={() => setEditing(false)} onDone={() => setEditing(false)} />
      </Modal>
      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={contactForm !== null}
        onClose={() => setContactForm(null)}
        title={contactForm?.contact ? t("contacts.edit") : t("contacts.add")}
      >
        {contactForm && <ContactForm clientId={id} contact={contactForm.contact} onDone={() => setContactForm(null)} />}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={t("app.delete")}
        message={t("contacts.deleteConfirm", { name: removing?.name ?? "" })}
        confirmLabel={t("app.delete")}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
        pending={remove.isPending}
        error={remove.error}
      />
    </Stack>
  );
}
