import { List, Text } from "@mantine/core";
import type { Contract } from "../../../../src/modules/contracts/contracts.schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";

/** The corrections recorded on a contract: when, by whom it was raised, and the amount. */
export function CorrectionsList({ corrections, euro }: { corrections: Contract["corrections"]; euro: (cents: number) => string }) {
  const { t, formatDate } = useI18n();
  if (corrections.length === 0) return null;
  return (
    <div>
      <Text fz="sm" fw={600}>
        {t("contracts.corrections.title")}
      </Text>
      <List size="sm" aria-label={t("contracts.corrections.title")}>
        {corrections.map((correction) => (
          <List.Item key={correction.id}>
            {t(correction.raisedBy === "us" ? "contracts.corrections.us" : "contracts.corrections.client", {
              date: formatDate(correction.recordedAt),
              amount: euro(correction.refundCents),
            })}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
