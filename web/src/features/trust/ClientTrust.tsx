import { Alert, Box, Button, Card, Group, Loader, Modal, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useRef, useState } from "react";
import { TRUST_CORES, type TrustCore } from "../../../../src/core/trust/cores.ts";
import type { ClientTrust } from "../../../../src/modules/trust/trust.schemas.ts";
import { ApiError } from "../../api/client.ts";
import { EvidenceList } from "./EvidenceList.tsx";
import { band, formatPointsAbsolute, formatScore, trendDirection } from "./format.ts";
import { HistoryChart } from "./HistoryChart.tsx";
import { useTrustText } from "./messages.ts";
import { ObservationForm } from "./ObservationForm.tsx";
import { HISTORY_DAYS, useClientTrust, useTrustHistory } from "./queries.ts";
import { RadarChart } from "./RadarChart.tsx";

type Reading = { score: number; uncertainty: number };

/**
 * A score on a 0–100 % track: the lighter band is where the score may lie
 * (its uncertainty), the dark mark the score itself, the dashed tick 50 %.
 * Decoration only: the same facts stand in the text beside it.
 */
function ScoreBar({ reading }: { reading: Reading }) {
  const { low, high } = band(reading.score, reading.uncertainty);
  return (
    <Box aria-hidden="true" pos="relative" h={14} style={{ background: "#f1f3f5", borderRadius: 7, border: "1px solid #ced4da" }}>
      <Box
        pos="absolute"
        top={0}
        bottom={0}
        style={{ left: `${low * 100}%`, width: `${(high - low) * 100}%`, background: "#a0c4ec", borderRadius: 6 }}
      />
      <Box pos="absolute" top={-3} bottom={-3} style={{ left: "50%", borderLeft: "1px dashed #868e96" }} />
      <Box
        pos="absolute"
        top={-4}
        bottom={-4}
        style={{ left: `calc(${reading.score * 100}% - 2px)`, width: 4, background: "#123d68", borderRadius: 2 }}
      />
    </Box>
  );
}

function EvidenceCount({ count }: { count: number }) {
  const { tr } = useTrustText();
  if (count === 0) return <>{tr("trust.score.evidenceNone")}</>;
  return <>{count === 1 ? tr("trust.score.evidenceOne") : tr("trust.score.evidenceMany", { count })}</>;
}

/** One line of figures: name, score, the bar with its band, and what the band means in words. */
function ScoreLine({
  id,
  name,
  help,
  reading,
  children,
  action,
}: {
  id: string;
  name: string;
  help: string;
  reading: Reading;
  children?: ReactNode;
  action?: ReactNode;
}) {
  const { tr, locale } = useTrustText();
  const { low, high } = band(reading.score, reading.uncertainty);
  const range = tr("trust.score.range", { low: formatScore(locale, low), high: formatScore(locale, high) });
  return (
    <Box component="li" data-testid={id} style={{ listStyle: "none" }}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing={4}>
        <div>
          <Text fw={600}>{name}</Text>
          <Text fz="xs" c="dimmed">
            {help}
          </Text>
        </div>
        <Stack gap={6} justify="center">
          <Group gap="xs" align="baseline" wrap="nowrap">
            <Text fz="xl" fw={700} lh={1} data-testid={`${id}-score`}>
              {formatScore(locale, reading.score)}
            </Text>
            <Text fz="sm" c="dimmed">
              {range}
            </Text>
          </Group>
          <ScoreBar reading={reading} />
        </Stack>
        <Group justify="space-between" align="center" gap="xs">
          <Stack gap={2}>{children}</Stack>
          {action}
        </Group>
      </SimpleGrid>
    </Box>
  );
}

function Trend({ trend }: { trend: number }) {
  const { tr, locale } = useTrustText();
  const direction = trendDirection(trend);
  const arrow = direction === "up" ? "↑" : direction === "down" ? "↓" : "→";
  const text =
    direction === "steady"
      ? tr("trust.trend.steady")
      : tr(direction === "up" ? "trust.trend.up" : "trust.trend.down", {
          value: tr("trust.pp", { value: formatPointsAbsolute(locale, trend, 0) }),
        });
  return (
    <Text fz="sm" c={direction === "down" ? "red.9" : direction === "up" ? "green.9" : "gray.7"}>
      <span aria-hidden="true">{arrow} </span>
      {text}
    </Text>
  );
}

function Readinesses({ trust }: { trust: ClientTrust }) {
  const { tr, coreName } = useTrustText();
  return (
    <Stack component="ul" gap="md" p={0} m={0}>
      {(["shareProblems", "doBusiness"] as const).map((which) => {
        const reading = trust.readiness[which];
        return (
          <ScoreLine
            key={which}
            id={`trust-readiness-${which}`}
            name={tr(`trust.readiness.${which}`)}
            help={tr(`trust.readinessHelp.${which}`)}
            reading={reading}
          >
            <Text fz="sm">{tr("trust.readiness.limitedBy", { core: coreName(reading.limitedBy) })}</Text>
          </ScoreLine>
        );
      })}
    </Stack>
  );
}

/**
 * The client page's trust ledger: the two readinesses, the four cores with
 * their uncertainty and 30-day trend, a radar and the trend lines, and the
 * evidence behind each score with a form to add an observation.
 */
export function ClientTrustSection({ clientId }: { clientId: string }) {
  const { t, tr, coreName } = useTrustText();
  const trust = useClientTrust(clientId);
  const history = useTrustHistory(clientId);
  const [core, setCore] = useState<TrustCore>("integrity");
  const [observing, setObserving] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const evidenceHeading = useRef<HTMLHeadingElement>(null);

  const showWhy = (one: TrustCore) => {
    setCore(one);
    evidenceHeading.current?.scrollIntoView({ block: "start" });
    evidenceHeading.current?.focus({ preventScroll: true });
  };

  if (trust.error instanceof ApiError && trust.error.status === 403) return null;
  return (
    <>
      <Card withBorder component="section" aria-labelledby="client-trust">
        <Title order={2} fz="h4" id="client-trust" mb="xs">
          {tr("trust.title")}
        </Title>
        {trust.isPending && <Loader size="sm" aria-label={tr("trust.title")} />}
        {trust.error && (
          <Alert color="red" role="alert">
            {trust.error.message}
          </Alert>
        )}
        {trust.data && (
          <Stack gap="lg">
            <div>
              <Text fz="sm">{tr("trust.intro", { days: trust.data.halfLifeDays })}</Text>
              <Text fz="sm" c="dimmed">
                {tr("trust.score.bandHelp")}
              </Text>
            </div>
            <section aria-labelledby="trust-readiness">
              <Title order={3} fz="h5" id="trust-readiness" mb="xs">
                {tr("trust.readiness")}
              </Title>
              <Readinesses trust={trust.data} />
            </section>
            <section aria-labelledby="trust-cores">
              <Title order={3} fz="h5" id="trust-cores" mb="xs">
                {tr("trust.cores")}
              </Title>
              <Stack component="ul" gap="md" p={0} m={0}>
                {TRUST_CORES.map((one) => {
                  const reading = trust.data.cores[one];
                  return (
                    <ScoreLine
                      key={one}
                      id={`trust-core-${one}`}
                      name={coreName(one)}
                      help={tr(`trust.coreHelp.${one}`)}
                      reading={reading}
                      action={
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-label={tr("trust.whyOf", { core: coreName(one) })}
                          onClick={() => showWhy(one)}
                        >
                          {tr("trust.why")}
                        </Button>
                      }
                    >
                      <Trend trend={reading.trend} />
                      <Text fz="sm" c="dimmed">
                        <EvidenceCount count={reading.evidenceCount} />
                      </Text>
                    </ScoreLine>
                  );
                })}
              </Stack>
            </section>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <section aria-labelledby="trust-radar">
                <Title order={3} fz="h5" id="trust-radar" mb="xs">
                  {tr("trust.radar.title")}
                </Title>
                <RadarChart trust={trust.data} />
              </section>
              <section aria-labelledby="trust-history">
                <Title order={3} fz="h5" id="trust-history" mb="xs">
                  {tr("trust.history.title", { days: HISTORY_DAYS })}
                </Title>
                {history.isPending && <Loader size="sm" aria-label={tr("trust.history.title", { days: HISTORY_DAYS })} />}
                {history.error && (
                  <Alert color="red" role="alert">
                    {history.error.message}
                  </Alert>
                )}
                {history.data && <HistoryChart history={history.data} />}
              </section>
            </SimpleGrid>
          </Stack>
        )}
      </Card>
      {trust.data && (
        <Card withBorder component="section" aria-labelledby="client-trust-evidence">
          <Group justify="space-between" mb="sm">
            <Title
              order={2}
              fz="h4"
              id="client-trust-evidence"
              ref={evidenceHeading}
              tabIndex={-1}
              // Clear of the sticky header when "Why?" scrolls here.
              style={{ scrollMarginTop: 80 }}
            >
              {tr("trust.evidence.title")}
            </Title>
            <Button
              size="xs"
              onClick={() => {
                setRecorded(false);
                setObserving(true);
              }}
            >
              {tr("trust.observe.open")}
            </Button>
          </Group>
          {recorded && (
            <Alert color="green" role="status" mb="sm" withCloseButton closeButtonLabel={t("app.close")} onClose={() => setRecorded(false)}>
              {tr("trust.observe.saved")}
            </Alert>
          )}
          <EvidenceList clientId={clientId} core={core} onCoreChange={setCore} />
        </Card>
      )}
      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={observing}
        onClose={() => setObserving(false)}
        title={tr("trust.observe.open")}
        size="lg"
      >
        <ObservationForm
          clientId={clientId}
          core={core}
          onDone={(saved) => {
            setObserving(false);
            if (saved) {
              setCore(saved);
              setRecorded(true);
            }
          }}
        />
      </Modal>
    </>
  );
}
