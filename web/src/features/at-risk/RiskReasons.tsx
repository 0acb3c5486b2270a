import { Anchor, Box, Button, Group, Stack, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { type TrustKey, en as trustCatalog, useTrustText } from "../trust/messages.ts";
import { useRiskText } from "./messages.ts";
import type { AtRiskItem } from "./queries.ts";

type Reason = AtRiskItem["reasons"][number];
type EvidenceRef = Reason["evidence"][number];

/** What a piece of evidence was, in the trust ledger's own words ("Promise broken without telling"). */
function useKindName() {
  const { tr } = useTrustText();
  const { rt } = useRiskText();
  return (ref: EvidenceRef) => {
    const key = `trust.kind.${ref.kind}`;
    if (key in trustCatalog) return tr(key as TrustKey);
    return ref.source.type === "commitment" ? rt("risk.evidence.commitment") : rt("risk.evidence.other");
  };
}

function Evidence({ item }: { item: EvidenceRef }) {
  const { rt, formatDate } = useRiskText();
  const kindName = useKindName();
  const date = formatDate(item.occurredAt);
  if (item.source.type === "contract") {
    // A standing fact, not a moment: the contract, and where the firm's exposure is laid out.
    return (
      <Text component="li" fz="sm">
        {rt("risk.evidence.contract")}{" "}
        <Anchor component={Link} to="/integrity">
          {item.label ?? rt("risk.evidence.open")}
        </Anchor>
      </Text>
    );
  }
  if (item.source.type === "commitment" || item.source.type === "incident") {
    // The promise (or our error) itself, by its title: where the story of what happened is.
    return (
      <Text component="li" fz="sm">
        {kindName(item)}:{" "}
        <Anchor component={Link} to={`/${item.source.type === "incident" ? "incidents" : "commitments"}/${item.source.id}`}>
          {item.label ?? rt("risk.evidence.open")}
        </Anchor>
        , {date}
      </Text>
    );
  }
  return (
    <Text component="li" fz="sm">
      {rt("risk.evidence.item", { what: item.label ? `${kindName(item)}: ${item.label}` : kindName(item), date })}
    </Text>
  );
}

/** One reason, as the API words it, with its evidence folded away behind a button. */
function ReasonLine({ reason }: { reason: Reason }) {
  const { rt } = useRiskText();
  const [open, setOpen] = useState(false);
  const listId = useId();
  return (
    <Box component="li">
      <Group gap="xs" wrap="wrap" align="baseline">
        <Text fw={500}>{reason.message}</Text>
        {reason.evidence.length > 0 && (
          <Button size="compact-xs" variant="subtle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((value) => !value)}>
            {rt("risk.evidence.show", { count: reason.evidence.length })}
          </Button>
        )}
      </Group>
      {open && (
        <Stack component="ul" id={listId} gap={2} mt={4} mb={6} pl="md" aria-label={rt("risk.evidence.title", { reason: reason.message })}>
          {reason.evidence.map((item) => (
            <Evidence key={item.id} item={item} />
          ))}
        </Stack>
      )}
    </Box>
  );
}

/** Why a client is at risk: each reason with its evidence (commitments link to their page). */
export function RiskReasons({ reasons }: { reasons: AtRiskItem["reasons"] }) {
  return (
    <Stack component="ul" gap={4} m={0} pl="md">
      {reasons.map((reason) => (
        <ReasonLine key={reason.code} reason={reason} />
      ))}
    </Stack>
  );
}
