import { Anchor, Badge, Button, Card, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { CreateEngagementForm } from "./CreateEngagementForm.tsx";
import { useEngagements } from "./queries.ts";

/** A client's engagements, at the bottom of the client page. */
export function ClientEngagements({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const engagements = useEngagements({ clientId });
  const [creating, setCreating] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby="client-engagements">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} fz="h4" id="client-engagements">
            {t("engagements.client.title")}
          </Title>
          <Button size="xs" variant="light" onClick={() => setCreating(true)}>
            {t("engagements.new")}
          </Button>
        </Group>
        {(engagements.data ?? []).length === 0 ? (
          <Text fz="sm">{t("engagements.empty")}</Text>
        ) : (
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {(engagements.data ?? []).map((engagement) => (
              <Group key={engagement.id} component="li" gap="xs">
                <Anchor component={Link} to={`/engagements/${engagement.id}`}>
                  {engagement.title}
                </Anchor>
                <Badge variant="light" styles={{ label: { color: "var(--mantine-color-dark-8)" } }}>
                  {t(`engagements.stage.${engagement.stage}`)}
                </Badge>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("engagements.new")} size="lg">
        <CreateEngagementForm
          clientId={clientId}
          onCancel={() => setCreating(false)}
          onSaved={(engagement) => navigate({ to: `/engagements/${engagement.id}` })}
        />
      </Modal>
    </Card>
  );
}
