import { Alert, Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { canSeeTrust } from "../../../../src/core/roles.ts";
import { useMe } from "../auth/session.ts";
import { useRiskText } from "./messages.ts";
import { useAtRisk } from "./queries.ts";

const SHOWN = 5;

/**
 * A compact "At risk" section (My day: my own clients; the Team page: everyone's):
 * the most urgent few with their first reason and next step, and a link to the list.
 * Nothing for the front desk, whom the list is not for.
 */
export function AtRiskSummary({ mine }: { mine: boolean }) {
  const { rt } = useRiskText();
  const me = useMe();
  const allowed = me.data !== undefined && canSeeTrust(me.data.role);
  const list = useAtRisk({ ownerId: mine ? "me" : undefined, limit: 200 }, { enabled: allowed });
  if (!allowed) return null;
  const items = list.data?.items ?? [];
  const id = mine ? "at-risk-mine" : "at-risk-all";
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h4" id={id}>
          {mine ? rt("risk.summary.mine") : rt("risk.summary.title")}
        </Title>
        {list.data && (
          <Badge variant="light" color={items.length > 0 ? "red" : "gray"} styles={{ label: { color: "var(--mantine-color-dark-8)" } }}>
            <span aria-hidden="true">{items.length}</span>
            <span className="visually-hidden">{items.length === 1 ? rt("risk.countOne") : rt("risk.count", { count: items.length })}</span>
          </Badge>
        )}
      </Group>
      {list.isPending && <Loader size="sm" aria-label={rt("risk.summary.title")} />}
      {list.error && (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      )}
      {list.data && items.length === 0 && <Text c="gray.7">{mine ? rt("risk.summary.none") : rt("risk.summary.noneAll")}</Text>}
      {items.length > 0 && (
        <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: "none" }}>
          {items.slice(0, SHOWN).map((item) => (
            <Stack component="li" key={item.clientId} gap={2} py="xs" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
              <Anchor component={Link} to={`/clients/${item.clientId}`} fw={500}>
                {item.clientName}
              </Anchor>
              <Text fz="sm">{item.reasons.map((reason) => reason.message).join(" · ")}</Text>
              {item.nextStepText && (
                <Text fz="sm" c="gray.7">
                  {rt("risk.nextStep", { step: item.nextStepText })}
                </Text>
              )}
            </Stack>
          ))}
        </Stack>
      )}
      {list.data && (
        <Anchor
          renderRoot={(props) => <Link {...props} to="/at-risk" search={{ owner: mine ? "me" : "all" }} />}
          fz="sm"
          mt="xs"
          display="inline-block"
        >
          {items.length > SHOWN ? rt("risk.summary.more", { count: items.length }) : rt("risk.summary.open")}
        </Anchor>
      )}
    </Card>
  );
}
