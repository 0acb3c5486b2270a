import { Button, Card, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { LoggedInteraction } from "../../../../src/modules/interactions/interactions.schemas.ts";
import type { SuggestionItem } from "../../../../src/modules/suggestions/suggestions.schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { CommitmentForm } from "../commitments/CommitmentForm.tsx";
import { useDueFormat } from "../commitments/queries.ts";

/**
 * After logging: the interaction is confirmed, and each promise by us found in
 * its text is offered — "Make this a promise?" — to be confirmed in the
 * commitment form (filled in from the sentence) or skipped. Nothing becomes a
 * promise without that confirmation.
 */
export function PromiseSuggestions({ saved, onDone }: { saved: LoggedInteraction; onDone: () => void }) {
  const { t } = useI18n();
  const format = useDueFormat();
  const [open, setOpen] = useState<SuggestionItem[]>(saved.suggestions.items);
  const [made, setMade] = useState(0);
  const [confirming, setConfirming] = useState<SuggestionItem | null>(null);
  const settle = (item: SuggestionItem) => setOpen((items) => items.filter((other) => other !== item));
  return (
    <Card withBorder bg="green.0" component="section" aria-labelledby="interaction-logged" mb="sm">
      <Stack gap="sm">
        <div role="status">
          <Text fw={600} id="interaction-logged">
            {t("interactions.logged", { summary: saved.summary })}
          </Text>
          {made > 0 && <Text fz="sm">{t("interactions.suggestions.made")}</Text>}
        </div>
        {open.length > 0 && (
          <Stack gap="xs">
            <Title order={3} fz="h5">
              {t("interactions.suggestions.title")}
            </Title>
            <Text fz="sm">{t("interactions.suggestions.intro")}</Text>
            <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }}>
              {open.map((item) => (
                <Card component="li" key={`${item.text}-${item.title}`} withBorder padding="xs">
                  <Text fw={500}>{item.title}</Text>
                  <Text fz="sm" c="gray.7">
                    “{item.text}” ·{" "}
                    {item.dueAt ? t("interactions.suggestions.due", { due: format.due(item.dueAt) }) : t("interactions.suggestions.noDue")}
                  </Text>
                  <Group gap="xs" mt={6}>
                    <Button
                      size="xs"
                      onClick={() => setConfirming(item)}
                      aria-label={`${t("interactions.suggestions.make")}: ${item.title}`}
                    >
                      {t("interactions.suggestions.make")}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => settle(item)}>
                      {t("interactions.suggestions.skip")}
                    </Button>
                  </Group>
                </Card>
              ))}
            </Stack>
          </Stack>
        )}
        <Group>
          <Button size="xs" variant="default" onClick={onDone}>
            {t("interactions.suggestions.done")}
          </Button>
        </Group>
      </Stack>
      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t("interactions.suggestions.title")}
        size="lg"
      >
        {confirming && (
          <CommitmentForm
            clientId={saved.clientId}
            initial={{
              title: confirming.title,
              doneWhen: confirming.text,
              contactId: saved.contact?.id ?? null,
              source: saved.kind,
              kind: confirming.kind,
              ...(confirming.dueAt ? { dueAt: confirming.dueAt } : {}),
            }}
            onCancel={() => setConfirming(null)}
            onDone={() => {
              settle(confirming);
              setMade((count) => count + 1);
              setConfirming(null);
            }}
          />
        )}
      </Modal>
    </Card>
  );
}
