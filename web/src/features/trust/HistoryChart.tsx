import { Group, Table, Text } from "@mantine/core";
import { TRUST_CORES, type TrustCore } from "../../../../src/core/trust/cores.ts";
import { formatShortDate } from "../reliability/format.ts";
import { formatScore, sampleDays } from "./format.ts";
import { useTrustText } from "./messages.ts";
import type { TrustHistory } from "./queries.ts";

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 34, left: 48 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const TICKS = [0, 0.25, 0.5, 0.75, 1];
const MAX_X_LABELS = 7;

/** Four colours with at least 3:1 against white, and four dash patterns, so no line is told apart by colour alone. */
export const LINE_STYLE: Record<TrustCore, { colour: string; dash?: string }> = {
  integrity: { colour: "#1c5d99" },
  intent: { colour: "#a3400b", dash: "8 4" },
  capabilities: { colour: "#2b7a0b", dash: "2 3" },
  results: { colour: "#6f42c1", dash: "10 3 2 3" },
};

/**
 * Each core's score per day as a line, drawn by hand: an image with a spoken
 * summary (where each core started and where it is now), and a weekly table
 * of the same numbers.
 */
export function HistoryChart({ history }: { history: TrustHistory }) {
  const { tr, coreName, locale } = useTrustText();
  const days = history.days;
  if (days.length === 0) return null;
  const percent = (value: number) => formatScore(locale, value);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const summary = tr("trust.history.summary", {
    days: days.length - 1,
    values: TRUST_CORES.map((core) =>
      tr("trust.history.fromTo", { core: coreName(core), from: percent(first[core]), to: percent(last[core]) }),
    ).join(", "),
  });
  const x = (index: number) => MARGIN.left + (days.length === 1 ? PLOT_W : (PLOT_W * index) / (days.length - 1));
  const y = (score: number) => MARGIN.top + PLOT_H * (1 - score);
  const labelEvery = Math.max(1, Math.ceil(days.length / MAX_X_LABELS));
  const rows = sampleDays(days, 7);

  return (
    <div>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" style={{ maxWidth: WIDTH, display: "block" }}>
        {TICKS.map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke={tick === 0 ? "#495057" : tick === 0.5 ? "#868e96" : "#dee2e6"}
              strokeDasharray={tick === 0.5 ? "4 3" : undefined}
            />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize="12" fill="#495057">
              {percent(tick)}
            </text>
          </g>
        ))}
        {days.map((day, index) =>
          (days.length - 1 - index) % labelEvery === 0 ? (
            <text
              key={day.day}
              x={x(index)}
              y={HEIGHT - MARGIN.bottom + 18}
              // Today sits on the right edge: its label ends there instead of running off.
              textAnchor={index === days.length - 1 ? "end" : "middle"}
              fontSize="12"
              fill="#495057"
            >
              {formatShortDate(locale, day.day)}
            </text>
          ) : null,
        )}
        {TRUST_CORES.map((core) => (
          <path
            key={core}
            d={days.map((day, index) => `${index === 0 ? "M" : "L"}${x(index).toFixed(1)},${y(day[core]).toFixed(1)}`).join(" ")}
            fill="none"
            stroke={LINE_STYLE[core].colour}
            strokeWidth={2}
            strokeDasharray={LINE_STYLE[core].dash}
            strokeLinejoin="round"
          />
        ))}
      </svg>
      <Group gap="md" mt={4} aria-hidden="true">
        {TRUST_CORES.map((core) => (
          <Group gap={6} key={core}>
            <svg width="28" height="12" aria-hidden="true">
              <line
                x1="1"
                y1="6"
                x2="27"
                y2="6"
                stroke={LINE_STYLE[core].colour}
                strokeWidth="2.5"
                strokeDasharray={LINE_STYLE[core].dash}
              />
            </svg>
            <Text fz="sm">
              {coreName(core)} {percent(last[core])}
            </Text>
          </Group>
        ))}
      </Group>
      <details>
        <summary>
          <Text span fz="sm">
            {tr("trust.chart.table")}
          </Text>
        </summary>
        <Text fz="sm" c="dimmed" mt="xs">
          {tr("trust.history.tableNote")}
        </Text>
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{tr("trust.history.day")}</Table.Th>
              {TRUST_CORES.map((core) => (
                <Table.Th scope="col" ta="right" key={core}>
                  {coreName(core)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((day) => (
              <Table.Tr key={day.day}>
                <Table.Th scope="row" fw={400}>
                  {formatShortDate(locale, day.day, true)}
                </Table.Th>
                {TRUST_CORES.map((core) => (
                  <Table.Td ta="right" key={core}>
                    {percent(day[core])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </div>
  );
}
