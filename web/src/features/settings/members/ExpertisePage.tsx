import { Alert, Button, Group, Stack, TagsInput, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { api } from "../../../api/client.ts";
import { useI18n } from "../../../i18n/i18n.tsx";
import { useMe } from "../../auth/session.ts";
import { useMembers } from "./queries.ts";

export function ExpertisePage() {
  const { t } = useI18n();
  const me = useMe();
  const members = useMembers();
  const queryClient = useQueryClient();
  const mine = members.data?.find((m) => m.id === me.data?.id);
  const [topics, setTopics] = useState<string[]>([]);
  useEffect(() => {
    if (mine) setTopics(mine.expertise);
  }, [mine]);
  const save = useMutation({
    mutationFn: () => api("PUT", `/api/v1/members/${me.data?.id}/expertise`, { topics }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["members"] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={560}>
        <Text>{t("expertise.intro")}</Text>
        <TagsInput
          label={t("expertise.topics")}
          placeholder={t("expertise.placeholder")}
          value={topics}
          onChange={setTopics}
          maxTags={50}
          clearable
        />
        {save.error && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("app.save")}
          </Button>
          {save.isSuccess && (
            <Text role="status" c="green.8" fz="sm">
              {t("expertise.saved")}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
