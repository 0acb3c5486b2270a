import { Box, Stack, Text } from "@mantine/core";
import { ROUTING_REASONS, type RoutingReason } from "../../../../src/modules/callbacks/callbacks.schemas.ts";
import type { CommitmentEvent } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMembers } from "../settings/members/queries.ts";
import { useDueFormat } from "./queries.ts";

const text = (data: Record<string, unknown>, key: string): string => {
  const value = data[key];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
};

/** What a routing decision rests on: the topic given, and what the chosen expert lists of it. */
function routingFacts(data: Record<string, unknown>) {
  const matched = Array.isArray(data.matched) ? data.matched.filter((m): m is string => typeof m === "string").join(", ") : "";
  return { topic: text(data, "topic"), matched };
}

const isRouting = (value: unknown): value is RoutingReason => ROUTING_REASONS.some((reason) => reason === value);

/** Every event of a promise, oldest first, as a sentence with its time. */
export function CommitmentStory({ events, ownerName }: { events: CommitmentEvent[]; ownerName: string }) {
  const { t } = useI18n();
  const format = useDueFormat();
  const members = useMembers();
  const nameOf = (id: string) => members.data?.find((m) => m.id === id)?.name ?? t("commitments.event.someone");
  const when = (iso: string) => (iso ? format.due(iso) : t("app.none"));

  const sentence = (event: CommitmentEvent): string => {
    const { data } = event;
    const actor = event.actor?.name ?? t("commitments.event.system");
    switch (event.kind) {
      case "created":
        return data.recordedAfterDue === true
          ? t("commitments.event.createdLate", { actor, due: when(text(data, "dueAt")) })
          : t("commitments.event.created", { actor, due: when(text(data, "dueAt")) });
      case "renegotiated": {
        const moved = t("commitments.event.renegotiated", {
          actor,
          from: when(text(data, "fromDueAt")),
          to: when(text(data, "toDueAt")),
          reason: text(data, "reason"),
        });
        const told =
          data.informedBeforeDue === true
            ? t("commitments.event.toldBefore")
            : data.clientInformed === true
              ? t("commitments.event.toldAfter")
              : t("commitments.event.notTold");
        return `${moved} ${told}`;
      }
      case "client_informed":
        return t("commitments.event.clientInformed", { actor, to: text(data, "to"), subject: text(data, "subject") });
      case "completed": {
        const kept =
          data.status === "kept_late" || data.onTime === false
            ? t("commitments.event.keptLate", { actor })
            : t("commitments.event.kept", { actor });
        return text(data, "answer") ? `${kept} ${t("commitments.event.answer", { answer: text(data, "answer") })}` : kept;
      }
      case "broken":
        return t("commitments.event.broken", { actor, reason: text(data, "reason") });
      case "cancelled":
        return t("commitments.event.cancelled", { actor, reason: text(data, "reason") });
      case "reopened":
        return t("commitments.event.reopened", { actor });
      case "reassigned":
        return t("commitments.event.reassigned", { actor, from: nameOf(text(data, "fromOwnerId")), to: nameOf(text(data, "toOwnerId")) });
      case "reminder_sent":
        return t("commitments.event.reminderSent", { owner: text(data, "to") ? nameOf(text(data, "to")) : ownerName });
      case "escalated": {
        const leads = Array.isArray(data.leads) ? data.leads.filter((id): id is string => typeof id === "string").map(nameOf) : [];
        return leads.length > 0 ? t("commitments.event.escalated", { leads: leads.join(", ") }) : t("commitments.event.escalatedNoOne");
      }
      case "accepted":
        return data.withoutPerson === true
          ? t("commitments.event.acceptedWithoutPerson", { actor, from: nameOf(text(data, "fromOwnerId")) })
          : t("commitments.event.accepted", { actor });
      case "routed": {
        const routing = data.routing;
        return isRouting(routing)
          ? t(`commitments.event.routed.${routing}`, { actor, to: nameOf(text(data, "toOwnerId")), ...routingFacts(data) })
          : t("commitments.event.rerouted", { to: nameOf(text(data, "toOwnerId")) });
      }
      case "callback_attempt": {
        const attempt =
          data.reached === true ? t("commitments.event.attemptReached", { actor }) : t("commitments.event.attemptNotReached", { actor });
        return text(data, "note") ? `${attempt} ${t("commitments.event.attemptNote", { note: text(data, "note") })}` : attempt;
      }
      case "rerouted": {
        // Older entries did not record from whom and why.
        const routing = data.routing;
        return text(data, "fromOwnerId") && isRouting(routing) && routing !== "chosen"
          ? t(`commitments.event.reroutedFrom.${routing}`, {
              from: nameOf(text(data, "fromOwnerId")),
              to: nameOf(text(data, "toOwnerId")),
              ...routingFacts(data),
            })
          : t("commitments.event.rerouted", { to: nameOf(text(data, "toOwnerId")) });
      }
      case "callback_alert": {
        const people = Array.isArray(data.notified) ? data.notified.filter((id): id is string => typeof id === "string").map(nameOf) : [];
        return data.reason === "time_running_out"
          ? t("commitments.event.callbackAlert.time_running_out", { owner: nameOf(text(data, "ownerId")), people: people.join(", ") })
          : t("commitments.event.callbackAlert.nobody_left", { from: nameOf(text(data, "fromOwnerId")), people: people.join(", ") });
      }
      default:
        return t("commitments.event.other", { actor, kind: event.kind });
    }
  };

  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Box component="ol" m={0} p={0} style={{ listStyle: "none" }}>
      {ordered.map((event) => (
        <Box component="li" key={event.id} py={8} pl="md" style={{ borderLeft: "3px solid var(--mantine-color-gray-3)" }}>
          <Stack gap={2}>
            <Text fz="xs" c="dimmed">
              <time dateTime={event.at}>{format.moment(event.at)}</time>
            </Text>
            <Text>{sentence(event)}</Text>
          </Stack>
        </Box>
      ))}
    </Box>
  );
}
