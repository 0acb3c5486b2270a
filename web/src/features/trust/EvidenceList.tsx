import { Alert, Anchor, Button, Group, Loader, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { TRUST_CORES, type TrustCore } from "../../../../src/core/trust/cores.ts";
import type { EvidenceList as Evidence } from "../../../../src/modules/trust/trust.schemas.ts";
import { formatPoints, formatPointsAbsolute, formatScore } from "./format.ts";
import { useTrustText } from "./messages.ts";
import { type EvidenceSort, useEvidence } from "./queries.ts";

type Item = Evidence["items"][number];

function Source({ item }: { item: Item }) {
  const { tr } = useTrustText();
  if (item.source.type === "commitment") {
    return (
      <Anchor component={Link} to={`/commitments/${item.source.id}`}>
        {item.label ?? tr("trust.evidence.source.commitment")}
      </Anchor>
    );
  }
  if (item.source.type === "incident") {
    return (
      <Anchor component={Link} to={`/incidents/${item.source.id}`}>
        {item.label ?? tr("trust.evidence.source.other")}
      </Anchor>
    );
  }
  if (item.source.type === "observation") return <Text fz="sm">{tr("trust.evidence.source.observation")}</Text>;
  return <Text fz="sm">{tr("trust.evidence.source.other")}</Text>;
}

/**
 * "Why?": the evidence behind one core, each item with its plain-language
 * why, its date, its signed share in percentage points and a link to where it
 * came from; above it the sum, so 50 % plus the shares visibly is the score.
 */
/** Items a page shows, and how many more "show more" adds. */
const PAGE = 100;

export function EvidenceList({
  clientId,
  core,
  onCoreChange,
}: {
  clientId: string;
  core: TrustCore;
  onCoreChange: (core: TrustCore) => void;
}) {
  const { tr, coreName, locale, formatDate } = useTrustText();
  const [sort, setSort] = useState<EvidenceSort>("recent");
  const [limit, setLimit] = useState(PAGE);
  const evidence = useEvidence(clientId, core, sort, limit);
  const items = evidence.data?.items ?? [];
  const rest = evidence.data?.rest ?? { count: 0, contribution: 0 };
  const sum = items.reduce((total, item) => total + item.contribution, rest.contribution);
  const score = evidence.data?.cores[core]?.score ?? 0.5 + sum;
  return (
    <Stack gap="sm">
      <Group gap="md" wrap="wrap">
        <SegmentedControl
          aria-label={tr("trust.evidence.core")}
          value={core}
          onChange={(value) => onCoreChange(value as TrustCore)}
          data={TRUST_CORES.map((one) => ({ value: one, label: coreName(one) }))}
        />
        <SegmentedControl
          aria-label={tr("trust.evidence.sort")}
          value={sort}
          onChange={(value) => setSort(value as EvidenceSort)}
          data={[
            { value: "recent", label: tr("trust.evidence.sort.recent") },
            { value: "impact", label: tr("trust.evidence.sort.impact") },
          ]}
        />
      </Group>
      {evidence.isPending && <Loader size="sm" aria-label={tr("trust.evidence.title")} />}
      {evidence.error && (
        <Alert color="red" role="alert">
          {evidence.error.message}
        </Alert>
      )}
      {evidence.data && (
        <>
          <div>
            <Text fw={600} data-testid="trust-sum">
              {tr("trust.evidence.sum", {
                core: coreName(core),
                start: formatScore(locale, 0.5),
                sign: sum < 0 ? "−" : "+",
                sum: tr("trust.pp", { value: formatPointsAbsolute(locale, sum) }),
                score: formatScore(locale, score, 1),
              })}
            </Text>
            <Text fz="sm" c="dimmed">
              {tr("trust.evidence.sumHelp")}
            </Text>
          </div>
          {items.length === 0 ? (
            <Text c="gray.7">{tr("trust.evidence.empty", { core: coreName(core) })}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{tr("trust.evidence.col.when")}</Table.Th>
                    <Table.Th scope="col">{tr("trust.evidence.col.why")}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {tr("trust.evidence.col.contribution")}
                    </Table.Th>
                    <Table.Th scope="col">{tr("trust.evidence.col.source")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(item.occurredAt)}</Table.Td>
                      <Table.Td>{item.explanation}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: "nowrap" }} c={item.contribution < 0 ? "red.9" : undefined}>
                        {tr("trust.pp", { value: formatPoints(locale, item.contribution) })}
                      </Table.Td>
                      <Table.Td>
                        <Source item={item} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {rest.count > 0 && (
                    <Table.Tr>
                      <Table.Td />
                      <Table.Td c="dimmed">
                        {tr("trust.evidence.rest", {
                          count: new Intl.NumberFormat(locale).format(rest.count),
                          sum: tr("trust.pp", { value: formatPoints(locale, rest.contribution) }),
                        })}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                        {tr("trust.pp", { value: formatPoints(locale, rest.contribution) })}
                      </Table.Td>
                      <Table.Td />
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {rest.count > 0 && (
            <Group>
              <Button
                variant="light"
                loading={evidence.isFetching}
                onClick={() => setLimit((shown) => Math.min(shown + PAGE, 500))}
                disabled={limit >= 500}
              >
                {tr("trust.evidence.more", { count: new Intl.NumberFormat(locale).format(Math.min(PAGE, rest.count)) })}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
