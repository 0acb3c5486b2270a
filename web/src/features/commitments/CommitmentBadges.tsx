import { Badge, Group } from "@mantine/core";
import type { Commitment } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";

/** Dark enough for white text at 4.5:1; the words say it too, never the colour alone. */
const STATUS_COLOURS: Record<Commitment["status"], string> = {
  open: "brand.8",
  renegotiated: "violet.9",
  kept: "#1f7a3a",
  kept_late: "#8a5300",
  broken: "red.9",
  cancelled: "gray.7",
};
const OVERDUE_COLOUR = "red.9";
const AT_RISK_COLOUR = "#9a4700";

export function StatusBadge({ status }: { status: Commitment["status"] }) {
  const { t } = useI18n();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="filled">
      {t(`commitments.status.${status}`)}
    </Badge>
  );
}

/** Overdue or at risk, for promises still to be done: in words, with a colour. */
export function RiskBadge({ commitment }: { commitment: Pick<Commitment, "overdue" | "atRisk"> }) {
  const { t } = useI18n();
  if (commitment.overdue) {
    return (
      <Badge color={OVERDUE_COLOUR} variant="filled">
        {t("commitments.overdue")}
      </Badge>
    );
  }
  if (commitment.atRisk) {
    return (
      <Badge color={AT_RISK_COLOUR} variant="filled">
        {t("commitments.atRisk")}
      </Badge>
    );
  }
  return null;
}

export function CommitmentBadges({ commitment }: { commitment: Commitment }) {
  return (
    <Group gap={6} wrap="wrap">
      <StatusBadge status={commitment.status} />
      <RiskBadge commitment={commitment} />
    </Group>
  );
}
