import { Group, Table, Text } from "@mantine/core";
import { TRUST_CORES, type TrustCore } from "../../../../src/core/trust/cores.ts";
import type { ClientTrust } from "../../../../src/modules/trust/trust.schemas.ts";
import { band, formatScore, perceivedShare } from "./format.ts";
import { useTrustText } from "./messages.ts";

const WIDTH = 460;
const HEIGHT = 320;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RADIUS = 110;
const RINGS = [0.25, 0.5, 0.75, 1];
/** Integrity on top, then clockwise: Intent, Capabilities, Results. */
const ANGLE: Record<TrustCore, number> = { integrity: -90, intent: 0, capabilities: 90, results: 180 };
export const EVIDENCE_COLOUR = "#1c5d99";
export const PERCEIVED_COLOUR = "#a3400b";

function point(core: TrustCore, share: number): [number, number] {
  const radians = (ANGLE[core] * Math.PI) / 180;
  return [CX + Math.cos(radians) * RADIUS * share, CY + Math.sin(radians) * RADIUS * share];
}

const polygon = (shares: Record<TrustCore, number>) =>
  TRUST_CORES.map((core) => point(core, shares[core]))
    .map(([x, y], index) => `${index === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`)
    .join(" ")
    .concat(" Z");

const LABEL_ANCHOR: Record<TrustCore, { anchor: "middle" | "start" | "end"; dx: number; dy: number }> = {
  integrity: { anchor: "middle", dx: 0, dy: -12 },
  intent: { anchor: "start", dx: 8, dy: 4 },
  capabilities: { anchor: "middle", dx: 0, dy: 20 },
  results: { anchor: "end", dx: -8, dy: 4 },
};

/**
 * The four cores as a radar, drawn by hand: the evidence score as a polygon,
 * its uncertainty as a lighter ring around it, and — once the client has
 * answered a pulse — their own view as a second, dashed series. An image with
 * a spoken summary, and the same numbers as a table for everyone.
 */
export function RadarChart({ trust }: { trust: ClientTrust }) {
  const { tr, coreName, locale, formatNumber } = useTrustText();
  const percent = (value: number) => formatScore(locale, value);
  const score = Object.fromEntries(TRUST_CORES.map((core) => [core, trust.cores[core].score])) as Record<TrustCore, number>;
  const low = Object.fromEntries(
    TRUST_CORES.map((core) => [core, band(trust.cores[core].score, trust.cores[core].uncertainty).low]),
  ) as Record<TrustCore, number>;
  const high = Object.fromEntries(
    TRUST_CORES.map((core) => [core, band(trust.cores[core].score, trust.cores[core].uncertainty).high]),
  ) as Record<TrustCore, number>;
  const perceived = trust.perceived;
  const perceivedCores = perceived ? TRUST_CORES.filter((core) => perceived[core] !== null) : [];
  const average = (core: TrustCore) => perceived?.[core] ?? null;
  const oneDecimal = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);

  const summary = [
    tr("trust.radar.summary", { values: TRUST_CORES.map((core) => `${coreName(core)} ${percent(score[core])}`).join(", ") }),
    perceivedCores.length > 0
      ? tr("trust.radar.summaryPerceived", {
          values: perceivedCores.map((core) => `${coreName(core)} ${oneDecimal(average(core) ?? 0)}`).join(", "),
        })
      : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <div>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" style={{ maxWidth: WIDTH, display: "block" }}>
        {RINGS.map((ring) => (
          <path
            key={ring}
            d={polygon({ integrity: ring, intent: ring, capabilities: ring, results: ring })}
            fill="none"
            stroke={ring === 0.5 ? "#868e96" : "#dee2e6"}
            strokeDasharray={ring === 0.5 ? "4 3" : undefined}
          />
        ))}
        {TRUST_CORES.map((core) => {
          const [x, y] = point(core, 1);
          return <line key={core} x1={CX} y1={CY} x2={x} y2={y} stroke="#dee2e6" />;
        })}
        <text x={CX + 4} y={CY - RADIUS * 0.5 - 3} fontSize="11" fill="#495057">
          {percent(0.5)}
        </text>
        {/* The uncertainty: everything between the lowest and the highest possible score. */}
        <path d={`${polygon(high)} ${polygon(low)}`} fill={EVIDENCE_COLOUR} fillOpacity={0.16} fillRule="evenodd" stroke="none" />
        <path d={polygon(score)} fill={EVIDENCE_COLOUR} fillOpacity={0.12} stroke={EVIDENCE_COLOUR} strokeWidth={2.5} />
        {TRUST_CORES.map((core) => {
          const [x, y] = point(core, score[core]);
          return <circle key={core} cx={x} cy={y} r={4} fill={EVIDENCE_COLOUR} />;
        })}
        {perceivedCores.length === TRUST_CORES.length && (
          <path
            d={polygon(
              Object.fromEntries(TRUST_CORES.map((core) => [core, perceivedShare(average(core) ?? 3)])) as Record<TrustCore, number>,
            )}
            fill="none"
            stroke={PERCEIVED_COLOUR}
            strokeWidth={2.5}
            strokeDasharray="7 4"
          />
        )}
        {perceivedCores.map((core) => {
          const [x, y] = point(core, perceivedShare(average(core) ?? 3));
          return <rect key={core} x={x - 4} y={y - 4} width={8} height={8} fill={PERCEIVED_COLOUR} />;
        })}
        {TRUST_CORES.map((core) => {
          const [x, y] = point(core, 1);
          const label = LABEL_ANCHOR[core];
          return (
            <text key={core} x={x + label.dx} y={y + label.dy} textAnchor={label.anchor} fontSize="13" fill="#212529">
              {coreName(core)} {percent(score[core])}
            </text>
          );
        })}
      </svg>
      <Group gap="md" mt={4} aria-hidden="true">
        <Group gap={6}>
          <svg width="22" height="12" aria-hidden="true">
            <line x1="1" y1="6" x2="21" y2="6" stroke={EVIDENCE_COLOUR} strokeWidth="2.5" />
          </svg>
          <Text fz="sm">{tr("trust.radar.evidence")}</Text>
        </Group>
        <Group gap={6}>
          <svg width="22" height="12" aria-hidden="true">
            <rect x="1" y="1" width="20" height="10" fill={EVIDENCE_COLOUR} fillOpacity={0.16} />
          </svg>
          <Text fz="sm">{tr("trust.radar.band")}</Text>
        </Group>
        {perceivedCores.length > 0 && (
          <Group gap={6}>
            <svg width="22" height="12" aria-hidden="true">
              <line x1="1" y1="6" x2="21" y2="6" stroke={PERCEIVED_COLOUR} strokeWidth="2.5" strokeDasharray="7 4" />
            </svg>
            <Text fz="sm">{tr("trust.radar.perceived")}</Text>
          </Group>
        )}
      </Group>
      {perceivedCores.length === 0 && (
        <Text fz="sm" c="dimmed" mt={4}>
          {tr("trust.radar.noPerceived")}
        </Text>
      )}
      <details>
        <summary>
          <Text span fz="sm">
            {tr("trust.chart.table")}
          </Text>
        </summary>
        <Table verticalSpacing={4} mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{tr("trust.table.core")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {tr("trust.table.score")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {tr("trust.table.low")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {tr("trust.table.high")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {tr("trust.table.evidence")}
              </Table.Th>
              {perceived && (
                <Table.Th scope="col" ta="right">
                  {tr("trust.table.perceived")}
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {TRUST_CORES.map((core) => (
              <Table.Tr key={core}>
                <Table.Th scope="row" fw={400}>
                  {coreName(core)}
                </Table.Th>
                <Table.Td ta="right">{percent(score[core])}</Table.Td>
                <Table.Td ta="right">{percent(low[core])}</Table.Td>
                <Table.Td ta="right">{percent(high[core])}</Table.Td>
                <Table.Td ta="right">{formatNumber(trust.cores[core].evidenceCount)}</Table.Td>
                {perceived && <Table.Td ta="right">{average(core) === null ? "—" : oneDecimal(average(core) ?? 0)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </div>
  );
}
