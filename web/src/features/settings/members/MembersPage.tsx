import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { canManageMembers, ROLES, type Role } from "../../../../../src/core/roles.ts";
import { createInvitationBody, type Invitation } from "../../../../../src/modules/organizations/organizations.schemas.ts";
import { api, fieldError, formError } from "../../../api/client.ts";
import { zodErrors } from "../../../forms/zod-errors.ts";
import { useI18n } from "../../../i18n/i18n.tsx";
import { BreakableEmail } from "../../../layout/BreakableEmail.tsx";
import { CopyableValue } from "../../../layout/CopyableValue.tsx";
import { useMe } from "../../auth/session.ts";
import { useMembers } from "./queries.ts";

export function MembersPage() {
  const { t } = useI18n();
  const me = useMe();
  const members = useMembers();
  const queryClient = useQueryClient();
  const isAdmin = me.data ? canManageMembers(me.data.role) : false;
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => api("PATCH", `/api/v1/members/${userId}`, { role }),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: ["members"] });
      // An administrator may have changed their own role.
      queryClient.invalidateQueries({ queryKey: ["me"] });
    },
  });

  return (
    <Stack gap="lg">
      {changeRole.error && (
        <Alert color="red" role="alert">
          {changeRole.error.message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={700}>
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("members.col.name")}</Table.Th>
              <Table.Th scope="col">{t("members.col.email")}</Table.Th>
              <Table.Th scope="col">{t("members.col.role")}</Table.Th>
              <Table.Th scope="col">{t("members.col.teams")}</Table.Th>
              <Table.Th scope="col">{t("members.col.expertise")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(members.data ?? []).map((member) => (
              <Table.Tr key={member.id}>
                <Table.Td fw={500}>{member.name}</Table.Td>
                <Table.Td>
                  <BreakableEmail email={member.email} />
                </Table.Td>
                <Table.Td>
                  {isAdmin ? (
                    <Select
                      size="xs"
                      w={150}
                      aria-label={t("members.roleOf", { name: member.name })}
                      value={member.role}
                      allowDeselect={false}
                      data={roleOptions}
                      onChange={(role) => role && changeRole.mutate({ userId: member.id, role: role as Role })}
                    />
                  ) : (
                    t(`roles.${member.role}`)
                  )}
                </Table.Td>
                <Table.Td>{member.teams.map((team) => team.name).join(", ") || t("app.none")}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {member.expertise.map((topic) => (
                      <Badge key={topic} variant="light" color="gray" tt="none">
                        {topic}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {isAdmin && <Invitations />}
    </Stack>
  );
}

function Invitations() {
  const { t, formatDate } = useI18n();
  const queryClient = useQueryClient();
  const form = useForm<{ email: string; role: Role }>({
    mode: "controlled",
    initialValues: { email: "", role: "advisor" },
    // The API's own schema, its issues in the UI's words, before anything is sent.
    validate: (values) => zodErrors(createInvitationBody, values, t),
  });
  const [created, setCreated] = useState<Invitation | null>(null);
  const pending = useQuery({
    queryKey: ["invitations"],
    queryFn: () => api<{ items: Invitation[] }>("GET", "/api/v1/invitations").then((r) => r.items),
  });
  const invite = useMutation({
    mutationFn: (values: { email: string; role: Role }) => api<Invitation>("POST", "/api/v1/invitations", values),
    onSuccess: (invitation) => {
      setCreated(invitation);
      form.setFieldValue("email", "");
      queryClient.invalidateQueries({ queryKey: ["invitations"] });
    },
  });
  const cancel = useMutation({
    mutationFn: (id: string) => api("DELETE", `/api/v1/invitations/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["invitations"] }),
  });
  const link = created ? `${window.location.origin}${created.acceptPath}` : "";
  return (
    <Card withBorder component="section" aria-labelledby="invite-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="invite-title">
          {t("members.invite")}
        </Title>
        <form onSubmit={form.onSubmit((values) => invite.mutate(values))} noValidate>
          <Group align="flex-start">
            <TextInput
              label={t("auth.email")}
              type="email"
              required
              {...form.getInputProps("email")}
              error={form.errors.email ?? fieldError(invite.error, "email")}
              w={280}
            />
            <Select
              label={t("members.inviteRole")}
              allowDeselect={false}
              {...form.getInputProps("role")}
              error={form.errors.role ?? fieldError(invite.error, "role")}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              w={180}
            />
            <Button type="submit" mt={25} loading={invite.isPending}>
              {t("members.inviteSubmit")}
            </Button>
          </Group>
        </form>
        {formError(invite.error, ["email", "role"]) && (
          <Alert color="red" role="alert">
            {formError(invite.error, ["email", "role"])}
          </Alert>
        )}
        {created && (
          <Alert color="green" role="status">
            <Text fz="sm">{t("members.inviteLink", { email: created.email, date: formatDate(created.expiresAt) })}</Text>
            <CopyableValue value={link} />
          </Alert>
        )}
        {pending.data && pending.data.length > 0 && (
          <>
            <Title order={3} fz="h5">
              {t("members.pending")}
            </Title>
            {pending.data.map((invitation) => (
              <Group key={invitation.id} justify="space-between">
                <Text fz="sm">
                  {invitation.email} · {t(`roles.${invitation.role}`)} · {t("members.expires", { date: formatDate(invitation.expiresAt) })}
                </Text>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={`${t("members.cancelInvite")}: ${invitation.email}`}
                  loading={cancel.isPending && cancel.variables === invitation.id}
                  onClick={() => cancel.mutate(invitation.id)}
                >
                  {t("members.cancelInvite")}
                </Button>
              </Group>
            ))}
          </>
        )}
      </Stack>
    </Card>
  );
}
