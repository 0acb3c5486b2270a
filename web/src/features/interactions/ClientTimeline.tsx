import { Alert, Anchor, Badge, Button, Card, Chip, Group, Kbd, Loader, Modal, Stack, Text, Title } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { Link, useLocation } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { TIMELINE_GROUPS, type TimelineGroup } from "../../../../src/core/timeline.ts";
import type { Contact } from "../../../../src/modules/clients/clients.schemas.ts";
import type { LoggedInteraction } from "../../../../src/modules/interactions/interactions.schemas.ts";
import {
  INTERACTION_DIRECTIONS,
  INTERACTION_INITIATORS,
  INTERACTION_KINDS,
} from "../../../../src/modules/interactions/interactions.schemas.ts";
import type { TimelineItem } from "../../../../src/modules/timeline/timeline.schemas.ts";
import { en } from "../../i18n/en.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useDueFormat } from "../commitments/queries.ts";
import { LogInteractionForm } from "./LogInteractionForm.tsx";
import { PromiseSuggestions } from "./PromiseSuggestions.tsx";
import { useTimeline } from "./queries.ts";

/** Dark enough for white text at 4.5:1; the words say what it is, never the colour alone. */
const GROUP_COLORS: Record<TimelineGroup | "other", string> = {
  interactions: "brand.8",
  commitments: "violet.9",
  callbacks: "#8a5300",
  incidents: "red.9",
  pulse: "teal.9",
  evidence: "indigo.9",
  other: "gray.7",
};
const SIGNAL_COLOR = "#1f7a3a";

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined => list.find((entry) => entry === value);

/** One line of the timeline: what happened, when, by whom, with whom; unknown types by their type and title. */
function Item({ item }: { item: TimelineItem }) {
  const { t } = useI18n();
  const format = useDueFormat();
  // Known types in words; a type added later by its own name.
  const label = `timeline.type.${item.type}` in en ? t(`timeline.type.${item.type}` as keyof typeof en) : item.type;
  const kind = oneOf(INTERACTION_KINDS, item.payload.kind);
  const direction = oneOf(INTERACTION_DIRECTIONS, item.payload.direction);
  const initiator = oneOf(INTERACTION_INITIATORS, item.payload.initiatedBy);
  const isInteraction = item.type === "interaction.logged";
  const commitmentId =
    typeof item.payload.commitmentId === "string" ? item.payload.commitmentId : item.source.type === "commitment" ? item.source.id : null;
  const who = [
    item.actor ? t("timeline.by", { name: item.actor.name || t("timeline.someone") }) : null,
    item.contact ? t("timeline.with", { name: item.contact.name }) : null,
  ].filter(Boolean);
  return (
    <Stack component="li" id={`timeline-${item.id}`} gap={2} py="xs" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
      <Group gap="xs" wrap="wrap">
        <Badge variant="filled" color={GROUP_COLORS[item.group]} style={{ flexShrink: 0 }}>
          {isInteraction && kind ? t(`interactions.kind.${kind}`) : label}
        </Badge>
        {item.title && (
          <Text fw={500} style={{ overflowWrap: "anywhere" }}>
            {item.title}
          </Text>
        )}
        {item.source.type === "incident" && (
          <Anchor component={Link} to={`/incidents/${item.source.id}`} fz="sm">
            {t("timeline.open")}
          </Anchor>
        )}
        {commitmentId && (
          <Anchor component={Link} to={`/commitments/${commitmentId}`} fz="sm">
            {t("timeline.open")}
          </Anchor>
        )}
      </Group>
      <Text fz="xs" c="gray.7">
        {[format.moment(item.occurredAt), ...who].join(" · ")}
        {isInteraction && direction ? ` · ${t(`interactions.direction.${direction}`)}` : ""}
        {isInteraction && initiator ? ` · ${t("interactions.field.initiatedBy")} ${t(`interactions.initiatedBy.${initiator}`)}` : ""}
      </Text>
      {(item.payload.clientRaisedProblem === true || item.payload.clientInvitation === true) && (
        <Group gap={6}>
          {item.payload.clientRaisedProblem === true && (
            <Badge size="sm" color={SIGNAL_COLOR} variant="filled">
              {t("timeline.raisedProblem")}
            </Badge>
          )}
          {item.payload.clientInvitation === true && (
            <Badge size="sm" color={SIGNAL_COLOR} variant="filled">
              {t("timeline.invitation")}
            </Badge>
          )}
        </Group>
      )}
    </Stack>
  );
}

/**
 * The client page's timeline: interactions, promises, callbacks, pulse and
 * evidence, newest first, filtered by kind and paged. "Log interaction" (or
 * the L key anywhere on the page outside a field) opens the form.
 */
export function ClientTimeline({ clientId, contacts }: { clientId: string; contacts: Contact[] }) {
  const { t } = useI18n();
  const [groups, setGroups] = useState<TimelineGroup[]>([]);
  const [logging, setLogging] = useState(false);
  const [logged, setLogged] = useState<LoggedInteraction | null>(null);
  const timeline = useTimeline(clientId, groups);
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  useHotkeys([["l", () => setLogging(true)]]);
  // The hint with the key in it, as a key: "Sneltoets: [L]".
  const shortcut = t("interactions.shortcut").split("{key}");

  // Arriving from a search result: show the item it named.
  const hash = useLocation({ select: (location) => location.hash });
  const found = items.some((item) => `timeline-${item.id}` === hash);
  useEffect(() => {
    if (hash && found) document.getElementById(hash)?.scrollIntoView({ block: "center" });
  }, [hash, found]);

  return (
    <Card withBorder component="section" aria-labelledby="client-timeline">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} fz="h4" id="client-timeline">
          {t("timeline.title")}
        </Title>
        <Group gap="xs">
          <Text fz="xs" c="gray.7" visibleFrom="sm">
            {shortcut[0]}
            <Kbd>L</Kbd>
            {shortcut[1]}
          </Text>
          <Button size="xs" onClick={() => setLogging(true)} aria-keyshortcuts="L">
            {t("interactions.log")}
          </Button>
        </Group>
      </Group>
      {logged && <PromiseSuggestions key={logged.id} saved={logged} onDone={() => setLogged(null)} />}
      <Chip.Group multiple value={groups} onChange={(value) => setGroups(value as TimelineGroup[])}>
        <Group gap={6} mb="xs" role="group" aria-label={t("timeline.filter")}>
          {TIMELINE_GROUPS.map((group) => (
            <Chip key={group} value={group} size="xs" variant="outline">
              {t(`timeline.group.${group}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {timeline.isPending && <Loader size="sm" aria-label={t("app.loading")} />}
      {timeline.error && (
        <Alert color="red" role="alert">
          {timeline.error.message}
        </Alert>
      )}
      {timeline.data && items.length === 0 && (
        <Text c="gray.7">{groups.length > 0 ? t("timeline.emptyFiltered") : t("timeline.empty")}</Text>
      )}
      {items.length > 0 && (
        <Stack component="ol" gap={0} m={0} p={0} style={{ listStyle: "none" }} aria-labelledby="client-timeline">
          {items.map((item) => (
            <Item key={item.id} item={item} />
          ))}
        </Stack>
      )}
      {timeline.hasNextPage && (
        <Group mt="sm">
          <Button variant="default" size="xs" loading={timeline.isFetchingNextPage} onClick={() => timeline.fetchNextPage()}>
            {t("timeline.more")}
          </Button>
        </Group>
      )}
      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={logging}
        onClose={() => setLogging(false)}
        title={t("interactions.logTitle")}
        size="lg"
      >
        {logging && (
          <LogInteractionForm
            clientId={clientId}
            contacts={contacts}
            onCancel={() => setLogging(false)}
            onLogged={(saved) => {
              setLogging(false);
              setLogged(saved);
            }}
          />
        )}
      </Modal>
    </Card>
  );
}
