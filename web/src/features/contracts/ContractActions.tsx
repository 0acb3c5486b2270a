import { Button, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Contract, ContractAudit } from "../../../../src/modules/contracts/contracts.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { CorrectionForm } from "./CorrectionForm.tsx";
import { CorrectionsList } from "./CorrectionsList.tsx";
import { IncreaseForm } from "./IncreaseForm.tsx";

type Panel = "increase" | "us" | "client" | null;

/** What can be done on one contract: record the increase applied, a correction by us, or that the client raised it. */
export function ContractActions({ contract, euro }: { contract: Contract; euro: (cents: number) => string }) {
  const { t } = useI18n();
  const [panel, setPanel] = useState<Panel>(null);
  const audit = useQuery({
    queryKey: ["contracts", "audit", contract.id],
    queryFn: () => api<ContractAudit>("GET", `/api/v1/contracts/${contract.id}/audit`),
    enabled: contract.indexation !== null,
    retry: false,
  });
  const over = audit.data?.totalOverchargeCents ?? 0;
  const uncorrected = over - (audit.data?.correctedCents ?? 0);
  const toggle = (next: Panel) => setPanel((open) => (open === next ? null : next));
  const button = (value: Exclude<Panel, null>, label: string) => (
    <Button size="xs" variant={panel === value ? "filled" : "light"} aria-expanded={panel === value} onClick={() => toggle(value)}>
      {label}
    </Button>
  );
  return (
    <Stack gap="sm">
      <CorrectionsList corrections={contract.corrections} euro={euro} />
      <Group gap="xs">
        {button("increase", t("contracts.increase.open"))}
        {over > 0 && button("us", t("contracts.correction.usOpen"))}
        {over > 0 && button("client", t("contracts.correction.clientOpen"))}
      </Group>
      {panel === "increase" && <IncreaseForm contractId={contract.id} onDone={() => undefined} />}
      {(panel === "us" || panel === "client") && (
        <CorrectionForm
          key={panel}
          contractId={contract.id}
          raisedBy={panel}
          uncorrectedCents={Math.max(0, uncorrected)}
          onDone={() => undefined}
        />
      )}
      {panel === null && over > 0 && uncorrected > 0 && (
        <Text fz="sm" c="dimmed">
          {t("contracts.correction.open", { amount: euro(uncorrected) })}
        </Text>
      )}
    </Stack>
  );
}
