import { Alert, Button, Checkbox, Code, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { TOKEN_SCOPES, type TokenScope } from "../../../../src/core/token-scopes.ts";
// Types only: a runtime import of the zod schemas would make zod probe for eval, which the Content-Security-Policy reports.
import type { ApiToken } from "../../../../src/modules/api-tokens/api-tokens.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { CopyableValue } from "../../layout/CopyableValue.tsx";

export function ApiTokensPage() {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  // Reading only unless asked for more: the least a leaked token can do.
  const [scopes, setScopes] = useState<TokenScope[]>(["read"]);
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const tokens = useQuery({
    queryKey: ["api-tokens"],
    queryFn: () => api<{ items: ApiToken[] }>("GET", "/api/v1/api-tokens").then((r) => r.items),
  });
  const create = useMutation({
    mutationFn: () => api<ApiToken & { token: string }>("POST", "/api/v1/api-tokens", { name, scopes }),
    onSuccess: (token) => {
      setCreated(token.token);
      setName("");
      setScopes(["read"]);
      queryClient.invalidateQueries({ queryKey: ["api-tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api("DELETE", `/api/v1/api-tokens/${id}`),
    onSuccess: () => {
      setRevoking(null);
      queryClient.invalidateQueries({ queryKey: ["api-tokens"] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Stack gap="md">
      <Text>{t("tokens.intro")}</Text>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start">
          <TextInput
            label={t("tokens.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, "name")}
            w={280}
          />
          <Checkbox.Group
            label={t("tokens.scopes")}
            description={t("tokens.scopesHint")}
            value={scopes}
            onChange={(value) => setScopes(TOKEN_SCOPES.filter((scope) => value.includes(scope)))}
            error={fieldError(create.error, "scopes")}
          >
            <Stack gap={6} mt={6}>
              {TOKEN_SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope} label={t(`tokens.scope.${scope}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Button type="submit" mt={25} loading={create.isPending}>
            {t("tokens.create")}
          </Button>
        </Group>
      </form>
      {formError(create.error, ["name", "scopes"]) && (
        <Alert color="red" role="alert">
          {formError(create.error, ["name", "scopes"])}
        </Alert>
      )}
      {created && (
        <Alert color="green" role="status">
          <Text fz="sm">{t("tokens.created")}</Text>
          <CopyableValue value={created} />
        </Alert>
      )}
      {tokens.data?.length === 0 && <Text c="gray.7">{t("tokens.empty")}</Text>}
      {tokens.data && tokens.data.length > 0 && (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("tokens.col.name")}</Table.Th>
              <Table.Th scope="col">{t("tokens.col.prefix")}</Table.Th>
              <Table.Th scope="col">{t("tokens.col.scopes")}</Table.Th>
              <Table.Th scope="col">{t("tokens.col.created")}</Table.Th>
              <Table.Th scope="col">{t("tokens.col.used")}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t("tokens.revoke")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td fw={500}>{token.name}</Table.Td>
                <Table.Td>
                  <Code>{token.prefix}…</Code>
                </Table.Td>
                <Table.Td>{token.scopes.map((scope) => t(`tokens.scopeShort.${scope}`)).join(", ")}</Table.Td>
                <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t("tokens.never")}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    aria-label={`${t("tokens.revoke")}: ${token.name}`}
                    onClick={() => setRevoking(token)}
                  >
                    {t("tokens.revoke")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmDialog
        opened={revoking !== null}
        title={t("tokens.revoke")}
        message={t("tokens.revokeConfirm", { name: revoking?.name ?? "" })}
        confirmLabel={t("tokens.revoke")}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onCancel={() => setRevoking(null)}
        pending={revoke.isPending}
        error={revoke.error}
      />
    </Stack>
  );
}
