import { Anchor, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import type { CommitmentsSearch } from "../commitments/list-search.ts";
import { formatPercent, formatShortDate } from "./format.ts";

export type TrendWeek = { weekStart: string; closed: number; keptOnTimeRate: number | null };

const WIDTH = 720;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 34, left: 48 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const TICKS = [0, 0.25, 0.5, 0.75, 1];
const MAX_X_LABELS = 8;

/**
 * Kept-on-time rate per week as bars, drawn by hand: an image with a spoken
 * summary, and the same numbers as a table under a disclosure for everyone.
 * Weeks without closed promises get no bar (and say so in the table).
 */
export function TrendChart({ weeks, linkOf }: { weeks: TrendWeek[]; linkOf?: (weekStart: string) => CommitmentsSearch }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const rated = weeks.filter((week): week is TrendWeek & { keptOnTimeRate: number } => week.keptOnTimeRate !== null);
  if (weeks.length === 0 || rated.length === 0) return null;
  const percent = (rate: number) => formatPercent(locale, rate);
  const first = weeks[0]!;
  const lastWeek = weeks[weeks.length - 1]!;
  const latest = rated[rated.length - 1]!;
  const rates = rated.map((week) => week.keptOnTimeRate);
  const summary = t("team.trend.summary", {
    count: weeks.length,
    from: formatShortDate(locale, first.weekStart, true),
    to: formatShortDate(locale, lastWeek.weekStart, true),
    low: percent(Math.min(...rates)),
    high: percent(Math.max(...rates)),
    latest: percent(latest.keptOnTimeRate),
    week: formatShortDate(locale, latest.weekStart),
  });
  const slot = PLOT_W / weeks.length;
  const barWidth = Math.max(2, Math.min(40, slot * 0.6));
  const labelEvery = Math.ceil(weeks.length / MAX_X_LABELS);
  const y = (rate: number) => MARGIN.top + PLOT_H * (1 - rate);

  return (
    <div>
      <svg
        // A picture, unless its bars are links: then a group, since an image's content is not reachable.
        role={linkOf ? "group" : "img"}
        aria-label={summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: WIDTH, display: "block" }}
        fontFamily="inherit"
      >
        {TICKS.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? "#495057" : "#dee2e6"} />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize="12" fill="#495057">
              {percent(tick)}
            </text>
          </g>
        ))}
        {weeks.map((week, index) => {
          const x = MARGIN.left + slot * index + slot / 2;
          return (
            <g key={week.weekStart}>
              {week.keptOnTimeRate !== null && (
                <a
                  href={linkOf ? `/commitments?${new URLSearchParams(linkOf(week.weekStart) as Record<string, string>)}` : undefined}
                  aria-label={t("team.show.week", {
                    date: formatShortDate(locale, week.weekStart, true),
                    value: percent(week.keptOnTimeRate),
                  })}
                  onClick={(event) => {
                    if (!linkOf) return;
                    // In the app, without reloading it.
                    event.preventDefault();
                    void navigate({ to: "/commitments", search: linkOf(week.weekStart) });
                  }}
                >
                  <rect
                    x={x - barWidth / 2}
                    y={y(week.keptOnTimeRate)}
                    width={barWidth}
                    height={Math.max(1, PLOT_H * week.keptOnTimeRate)}
                    fill="#1c5d99"
                    rx={2}
                  />
                </a>
              )}
              {index % labelEvery === 0 && (
                <text x={x} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" fontSize="12" fill="#495057">
                  {formatShortDate(locale, week.weekStart)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details>
        <summary>
          <Text span fz="sm">
            {t("team.trend.table")}
          </Text>
        </summary>
        <Table verticalSpacing={4} mt="xs" maw={480}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("team.trend.week")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("team.trend.closed")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("team.col.rate")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weeks.map((week) => (
              <Table.Tr key={week.weekStart}>
                <Table.Th scope="row" fw={400}>
                  {t("team.trend.weekOf", { date: formatShortDate(locale, week.weekStart, true) })}
                </Table.Th>
                <Table.Td ta="right">{week.closed}</Table.Td>
                <Table.Td ta="right">
                  {week.keptOnTimeRate === null ? (
                    t("app.none")
                  ) : linkOf ? (
                    <Anchor renderRoot={(props) => <Link {...props} to="/commitments" search={linkOf(week.weekStart)} />}>
                      {percent(week.keptOnTimeRate)}
                    </Anchor>
                  ) : (
                    percent(week.keptOnTimeRate)
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </div>
  );
}
