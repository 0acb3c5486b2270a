import "@mantine/dates/styles.css";
import "dayjs/locale/nl";
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { DateInput, DatesProvider } from "@mantine/dates";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { dateInZone } from "../../../../src/core/dates.ts";
import { canSeeTeamFigures } from "../../../../src/core/roles.ts";
import type { Reliability } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { api } from "../../api/client.ts";
import type { MessageKey } from "../../i18n/en.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { AtRiskSummary } from "../at-risk/AtRiskSummary.tsx";
import { useMe } from "../auth/session.ts";
import { type CommitmentsSearch, RATE_STATUSES } from "../commitments/list-search.ts";
import { useTimeZone } from "../commitments/queries.ts";
import { formatMinutes, formatPercent } from "./format.ts";
import {
  addDays,
  GROUP_BYS,
  type GroupBy,
  last90Days,
  lastQuarter,
  type Period,
  parseTypedDate,
  thisMonth,
  thisYear,
  weeksOf,
} from "./period.ts";
import { TrendChart } from "./TrendChart.tsx";

type FigureGroup = Reliability["groups"][number];
type SortKey = "name" | "kept" | "keptLate" | "broken" | "cancelled" | "renegotiated" | "keptOnTimeRate" | "overdueNow";
/** The figure columns; the first column names the group (person, client or team). */
const COLUMNS: { key: Exclude<SortKey, "name">; label: MessageKey }[] = [
  { key: "kept", label: "team.col.kept" },
  { key: "keptLate", label: "team.col.keptLate" },
  { key: "broken", label: "team.col.broken" },
  { key: "cancelled", label: "team.col.cancelled" },
  { key: "renegotiated", label: "team.col.renegotiated" },
  { key: "keptOnTimeRate", label: "team.col.rate" },
  { key: "overdueNow", label: "team.col.overdue" },
];
const QUICK: { key: "last90" | "month" | "quarter" | "year"; period: (today: string) => Period }[] = [
  { key: "last90", period: last90Days },
  { key: "month", period: thisMonth },
  { key: "quarter", period: lastQuarter },
  { key: "year", period: thisYear },
];

/** The outcome each count column stands for, so its number links to those promises. */
const COUNT_STATUSES = { kept: "kept", keptLate: "kept_late", broken: "broken", cancelled: "cancelled" } as const;

/** The filter of the promises list that picks one group's promises (a person, a client or a team). */
function groupFilter(groupBy: GroupBy, id: string): CommitmentsSearch {
  return groupBy === "owner" ? { ownerId: id } : groupBy === "client" ? { clientId: id } : { teamId: id };
}

/** A figure that opens the list of the promises it counts. */
function FigureLink({ search, label, children }: { search: CommitmentsSearch; label: string; children: ReactNode }) {
  return (
    <Anchor renderRoot={(props) => <Link {...props} to="/commitments" search={search} />} aria-label={label} inherit>
      {children}
    </Anchor>
  );
}

/**
 * How well promises were kept in a period: for leads and admins everyone's
 * figures ("Team"), for others their own ("My reliability"). The period and
 * grouping live in the address, so Back and a shared link show the same view.
 */
export function TeamPage() {
  const { t, language, locale } = useI18n();
  const me = useMe();
  const search = useSearch({ from: "/app/team" });
  const navigate = useNavigate({ from: "/team" });
  // "Today" on the firm's calendar (its time zone), not the browser's: at 00:30 in Amsterdam a browser on UTC is still in yesterday.
  const timeZone = useTimeZone();
  const [openedAt] = useState(() => new Date());
  const today = dateInZone(timeZone, openedAt);
  const fallback = last90Days(today);
  const period: Period = { from: search.from ?? fallback.from, to: search.to ?? fallback.to };
  const groupBy: GroupBy = search.groupBy ?? "owner";
  const isLead = me.data ? canSeeTeamFigures(me.data.role) : false;
  const title = isLead ? t("team.title") : t("team.titleOwn");
  usePageTitle(title);

  const figures = useQuery({
    queryKey: ["reliability", period.from, period.to, groupBy],
    queryFn: () => api<Reliability>("GET", `/api/v1/reliability?${new URLSearchParams({ ...period, groupBy })}`),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const setSearch = (next: Partial<Period> & { groupBy?: GroupBy }) =>
    navigate({ search: (previous) => ({ ...previous, from: period.from, to: period.to, ...next }), replace: true });

  const data = figures.data;
  const total = data?.total;
  const closed = total ? total.kept + total.keptLate + total.broken + total.cancelled : 0;
  const due = total ? total.kept + total.keptLate + total.broken : 0;
  const byWeek = new Map((data?.trend ?? []).map((week) => [week.weekStart, week]));
  const weeks = data ? weeksOf(data).map((week) => byWeek.get(week) ?? { weekStart: week, closed: 0, keptOnTimeRate: null }) : [];
  const percent = (rate: number | null) => (rate === null ? t("app.none") : formatPercent(locale, rate));
  // Every figure links to the promises behind it: those closed in the figures' period, of the people counted.
  const everyone: CommitmentsSearch = isLead || !me.data ? {} : { ownerId: me.data.id };
  const closedIn = (from: string, to: string): CommitmentsSearch => ({ closedFrom: from, closedTo: to });
  // A week's promises, within the period (its first and last week may be cut off). Dates compare as text.
  const weekLink = (weekStart: string): CommitmentsSearch => {
    const [from] = [weekStart, period.from].sort().reverse();
    const [to] = [addDays(weekStart, 6), period.to].sort();
    return { ...everyone, status: RATE_STATUSES, ...closedIn(from ?? weekStart, to ?? period.to) };
  };
  const calendarLabels = {
    nextMonth: t("team.calendar.nextMonth"),
    previousMonth: t("team.calendar.previousMonth"),
    nextYear: t("team.calendar.nextYear"),
    previousYear: t("team.calendar.previousYear"),
    nextDecade: t("team.calendar.nextDecade"),
    previousDecade: t("team.calendar.previousDecade"),
    monthLevelControl: t("team.calendar.level"),
    yearLevelControl: t("team.calendar.level"),
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{title}</Title>
        <Text c="gray.7" fz="sm">
          {isLead ? t("team.intro") : t("team.introOwn")}
        </Text>
      </div>
      {/* Leads land here: the clients at risk come first. */}
      {isLead && <AtRiskSummary mine={false} />}
      <Card withBorder component="section" aria-label={t("team.period")}>
        <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>
          <Group align="flex-end" gap="md">
            <DateInput
              label={t("team.from")}
              value={period.from}
              onChange={(value) => value && setSearch({ from: value })}
              dateParser={parseTypedDate}
              valueFormat="D MMM YYYY"
              ariaLabels={calendarLabels}
              w={160}
            />
            <DateInput
              label={t("team.to")}
              value={period.to}
              onChange={(value) => value && setSearch({ to: value })}
              dateParser={parseTypedDate}
              valueFormat="D MMM YYYY"
              ariaLabels={calendarLabels}
              w={160}
            />
            <Group gap="xs" role="group" aria-label={t("team.quick")}>
              {QUICK.map((quick) => {
                const target = quick.period(today);
                const current = target.from === period.from && target.to === period.to;
                return (
                  <Button
                    key={quick.key}
                    size="xs"
                    variant={current ? "filled" : "default"}
                    aria-pressed={current}
                    onClick={() => setSearch(target)}
                  >
                    {t(`team.quick.${quick.key}`)}
                  </Button>
                );
              })}
            </Group>
            <div>
              <Text component="span" id="team-group-by" fz="sm" fw={500} display="block" mb={4}>
                {t("team.groupBy")}
              </Text>
              <SegmentedControl
                aria-labelledby="team-group-by"
                value={groupBy}
                onChange={(value) => setSearch({ groupBy: value as GroupBy })}
                data={GROUP_BYS.map((value) => ({ value, label: t(`team.groupBy.${value}`) }))}
              />
            </div>
          </Group>
        </DatesProvider>
      </Card>
      {figures.error && (
        <Alert color="red" role="alert">
          {figures.error.message}
        </Alert>
      )}
      {figures.isPending && <Loader aria-label={t("app.loading")} />}
      {data && total && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} aria-live="polite">
            <Headline
              label={t("team.headline.rate")}
              value={percent(total.keptOnTimeRate)}
              link={{
                search: { ...everyone, status: RATE_STATUSES, ...closedIn(data.from, data.to) },
                label: t("team.show.rate", { name: t("team.show.everyone"), value: percent(total.keptOnTimeRate) }),
              }}
            >
              {due > 0 ? t("team.headline.rateOf", { kept: total.kept, due }) : t("team.headline.nothingDue")}
            </Headline>
            <Headline
              label={t("team.headline.overdue")}
              value={String(total.overdueNow)}
              link={{
                search: { ...everyone, overdue: true },
                label: t("team.show.overdue", { name: t("team.show.everyone"), value: total.overdueNow }),
              }}
            >
              {t("team.headline.overdueHint")}
            </Headline>
            <Headline
              label={t("team.headline.callback")}
              value={total.medianCallbackMinutes === null ? t("app.none") : formatMinutes(locale, total.medianCallbackMinutes)}
            >
              {t("team.headline.callbackHint")}
            </Headline>
          </SimpleGrid>
          {closed === 0 ? (
            <Text c="gray.7">{t("team.empty")}</Text>
          ) : (
            <Card withBorder component="section" aria-labelledby="team-trend">
              <Title order={2} fz="h4" id="team-trend" mb="sm">
                {t("team.trend.title")}
              </Title>
              <TrendChart weeks={weeks} linkOf={weekLink} />
            </Card>
          )}
          {data.groups.length > 0 && <GroupTable groups={data.groups} groupBy={data.groupBy} period={{ from: data.from, to: data.to }} />}
        </>
      )}
    </Stack>
  );
}

function Headline({
  label,
  value,
  link,
  children,
}: {
  label: string;
  value: string;
  link?: { search: CommitmentsSearch; label: string };
  children: string;
}) {
  return (
    <Card withBorder>
      <Text fz="sm" fw={600} c="gray.7">
        {label}
      </Text>
      <Text fz={32} fw={700} lh={1.3}>
        {link ? (
          <FigureLink search={link.search} label={link.label}>
            {value}
          </FigureLink>
        ) : (
          value
        )}
      </Text>
      <Text fz="sm" c="gray.7">
        {children}
      </Text>
    </Card>
  );
}

/**
 * Rows shown at first, and added per "Show more": a large firm has tens of
 * thousands of clients, and a table of all of them would make the page crawl.
 * Sorting always covers every group.
 */
const ROWS_AT_A_TIME = 200;

function GroupTable({ groups, groupBy, period }: { groups: FigureGroup[]; groupBy: GroupBy; period: Period }) {
  const { t, locale } = useI18n();
  const closedIn: CommitmentsSearch = { closedFrom: period.from, closedTo: period.to };
  const count = (group: FigureGroup, key: keyof typeof COUNT_STATUSES, column: MessageKey) => (
    <Table.Td ta="right">
      {group[key] === 0 ? (
        group[key]
      ) : (
        <FigureLink
          search={{ ...groupFilter(groupBy, group.id), status: COUNT_STATUSES[key], ...closedIn }}
          label={t("team.show.count", { name: group.name, value: group[key], column: t(column) })}
        >
          {group[key]}
        </FigureLink>
      )}
    </Table.Td>
  );
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "name", descending: false });
  const [shown, setShown] = useState(ROWS_AT_A_TIME);
  const collator = new Intl.Collator(locale);
  const sorted = [...groups].sort((a, b) => {
    const direction = sort.descending ? -1 : 1;
    if (sort.key === "name") return direction * collator.compare(a.name, b.name);
    const left = a[sort.key];
    const right = b[sort.key];
    // Groups without a rate (nothing was due) come last either way.
    if (left === null || right === null) return left === right ? collator.compare(a.name, b.name) : left === null ? 1 : -1;
    return direction * (left - right) || collator.compare(a.name, b.name);
  });
  const toggle = (key: SortKey) =>
    setSort((current) => (current.key === key ? { key, descending: !current.descending } : { key, descending: key !== "name" }));
  return (
    <Card withBorder component="section" aria-labelledby="team-groups">
      <Title order={2} fz="h4" id="team-groups" mb="sm">
        {t(`team.groups.${groupBy}`)}
      </Title>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              {[
                { key: "name" as const, label: t(`team.groupBy.${groupBy}`) },
                ...COLUMNS.map((c) => ({ key: c.key, label: t(c.label) })),
              ].map((column) => {
                const active = sort.key === column.key;
                return (
                  <Table.Th
                    key={column.key}
                    scope="col"
                    ta={column.key === "name" ? "left" : "right"}
                    aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}
                  >
                    <UnstyledButton onClick={() => toggle(column.key)} fz="sm" fw={700} style={{ borderRadius: 4, textAlign: "inherit" }}>
                      {column.label}
                      <span aria-hidden="true"> {active ? (sort.descending ? "▼" : "▲") : "↕"}</span>
                    </UnstyledButton>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.slice(0, shown).map((group) => (
              <Table.Tr key={group.id}>
                <Table.Th scope="row" fw={500}>
                  {group.name}
                </Table.Th>
                {count(group, "kept", "team.col.kept")}
                {count(group, "keptLate", "team.col.keptLate")}
                {count(group, "broken", "team.col.broken")}
                {count(group, "cancelled", "team.col.cancelled")}
                <Table.Td ta="right">
                  {t("team.renegotiatedWithNotice", { count: group.renegotiated, notice: group.renegotiatedWithNotice })}
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {group.keptOnTimeRate === null ? (
                    t("app.none")
                  ) : (
                    <FigureLink
                      search={{ ...groupFilter(groupBy, group.id), status: RATE_STATUSES, ...closedIn }}
                      label={t("team.show.rate", { name: group.name, value: formatPercent(locale, group.keptOnTimeRate) })}
                    >
                      {formatPercent(locale, group.keptOnTimeRate)}
                    </FigureLink>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {group.overdueNow === 0 ? (
                    0
                  ) : (
                    <FigureLink
                      search={{ ...groupFilter(groupBy, group.id), overdue: true }}
                      label={t("team.show.overdue", { name: group.name, value: group.overdueNow })}
                    >
                      {group.overdueNow}
                    </FigureLink>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {sorted.length > shown && (
        <Group mt="sm" gap="sm">
          <Text fz="sm">{t("team.shownOf", { shown: shown.toLocaleString(locale), total: sorted.length.toLocaleString(locale) })}</Text>
          <Button variant="default" size="xs" onClick={() => setShown((count) => count + ROWS_AT_A_TIME)}>
            {t("team.showMore", { count: Math.min(ROWS_AT_A_TIME, sorted.length - shown) })}
          </Button>
        </Group>
      )}
      <Text fz="xs" c="gray.7" mt="xs">
        {t("team.sortHint")}
      </Text>
    </Card>
  );
}
