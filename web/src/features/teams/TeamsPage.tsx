import { Alert, Button, Card, Group, Modal, MultiSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { canManageMembers } from "../../../../src/core/roles.ts";
import { type Team, teamBody } from "../../../../src/modules/teams/teams.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { useMe } from "../auth/session.ts";
import { useMembers } from "../settings/members/queries.ts";
import { useTeams } from "./queries.ts";

/** Teams and their members. Everyone sees them; administrators create, rename, delete and staff them. */
export function TeamsPage() {
  const { t } = useI18n();
  const me = useMe();
  const teams = useTeams();
  const members = useMembers();
  const queryClient = useQueryClient();
  const isAdmin = me.data ? canManageMembers(me.data.role) : false;
  const [renaming, setRenaming] = useState<Team | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ["teams"] });
    queryClient.invalidateQueries({ queryKey: ["members"] });
    queryClient.invalidateQueries({ queryKey: ["clients"] });
    queryClient.invalidateQueries({ queryKey: ["client"] });
  };
  const createForm = useTeamNameForm("");
  const create = useMutation({
    mutationFn: (values: { name: string }) => api<Team>("POST", "/api/v1/teams", values),
    onSuccess: () => {
      createForm.reset();
      refresh();
    },
  });
  const setMembers = useMutation({
    mutationFn: ({ id, userIds }: { id: string; userIds: string[] }) => api<Team>("PUT", `/api/v1/teams/${id}/members`, { userIds }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api("DELETE", `/api/v1/teams/${id}`),
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
  });
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const nameOf = (id: string) => members.data?.find((m) => m.id === id)?.name ?? id;

  return (
    <Stack gap="md">
      {isAdmin && (
        <form onSubmit={createForm.onSubmit((values) => create.mutate(values))} noValidate>
          <Group align="flex-start">
            <TextInput
              label={t("teams.name")}
              required
              {...createForm.getInputProps("name")}
              error={createForm.errors.name ?? fieldError(create.error, "name")}
              w={280}
            />
            <Button type="submit" mt={25} loading={create.isPending}>
              {t("teams.create")}
            </Button>
          </Group>
        </form>
      )}
      {[formError(create.error, ["name"]), formError(setMembers.error, [])].map(
        (message, index) =>
          message && (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of two error slots
            <Alert key={index} color="red" role="alert">
              {message}
            </Alert>
          ),
      )}
      {teams.error && (
        <Alert color="red" role="alert">
          {teams.error.message}
        </Alert>
      )}
      {teams.data?.length === 0 && <Text c="gray.7">{t("teams.empty")}</Text>}
      {teams.data?.map((team) => (
        <Card key={team.id} withBorder component="section" aria-label={team.name}>
          <Group justify="space-between" mb="xs">
            <Title order={2} fz="h4">
              {team.name}
            </Title>
            {isAdmin && (
              <Group gap="xs">
                <Button
                  size="compact-sm"
                  variant="subtle"
                  aria-label={`${t("teams.rename")}: ${team.name}`}
                  onClick={() => setRenaming(team)}
                >
                  {t("teams.rename")}
                </Button>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={`${t("app.delete")}: ${team.name}`}
                  onClick={() => setDeleting(team)}
                >
                  {t("app.delete")}
                </Button>
              </Group>
            )}
          </Group>
          {isAdmin ? (
            <MultiSelect
              label={t("teams.members", { name: team.name })}
              data={memberOptions}
              value={team.memberIds}
              searchable
              onChange={(userIds) => setMembers.mutate({ id: team.id, userIds })}
            />
          ) : (
            <Text fz="sm">{team.memberIds.map(nameOf).join(", ") || t("app.none")}</Text>
          )}
        </Card>
      ))}
      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={renaming !== null}
        onClose={() => setRenaming(null)}
        title={t("teams.rename")}
      >
        {renaming && (
          <RenameTeamForm
            team={renaming}
            onDone={() => {
              setRenaming(null);
              refresh();
            }}
            onCancel={() => setRenaming(null)}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t("app.delete")}
        message={t("teams.deleteConfirm", { name: deleting?.name ?? "" })}
        confirmLabel={t("app.delete")}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onCancel={() => setDeleting(null)}
        pending={remove.isPending}
        error={remove.error}
      />
    </Stack>
  );
}

/** A team's name, checked with the API's own schema, its issues in the UI's words, before anything is sent. */
function useTeamNameForm(name: string) {
  const { t } = useI18n();
  return useForm({
    mode: "controlled",
    initialValues: { name },
    validate: (values) => zodErrors(teamBody, values, t),
  });
}

function RenameTeamForm({ team, onDone, onCancel }: { team: Team; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const form = useTeamNameForm(team.name);
  const rename = useMutation({
    mutationFn: (values: { name: string }) => api<Team>("PATCH", `/api/v1/teams/${team.id}`, values),
    onSuccess: onDone,
  });
  const alert = formError(rename.error, ["name"]);
  return (
    <form onSubmit={form.onSubmit((values) => rename.mutate(values))} noValidate>
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <TextInput
          label={t("teams.name")}
          required
          {...form.getInputProps("name")}
          error={form.errors.name ?? fieldError(rename.error, "name")}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={rename.isPending}>
            {t("app.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
