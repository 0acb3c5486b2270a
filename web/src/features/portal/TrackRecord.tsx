import { Badge, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { PortalView } from "../../../../src/modules/portal/portal.schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";

type Record_ = NonNullable<PortalView["trackRecord"]>;
type Outcome = Record_["items"][number]["outcome"];

const COUNTS = ["keptOnTime", "keptLate", "renegotiatedWithNotice", "broken", "cancelledWithAgreement"] as const;
const OUTCOME_COLOURS: Record<Outcome, string> = { kept: "green", kept_late: "yellow", broken: "red", cancelled: "gray" };

/**
 * The firm's track record with this client, in the portal when the firm chose
 * to show it: how many promises of the last 12 months ended how, and the
 * closed promises themselves. Phone first: two counts per row, one card per promise.
 */
export function TrackRecord({ record, timeZone }: { record: Record_; timeZone: string }) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale);
  const day = (value: string) =>
    new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone }).format(new Date(value));
  return (
    <section aria-labelledby="portal-record">
      <Title order={2} fz="h4" id="portal-record">
        {t("portal.record.title")}
      </Title>
      <Text fz="sm" c="dimmed" mb="xs">
        {t("portal.record.since", { date: day(record.from) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" component="ul" p={0} m={0} mb="sm" style={{ listStyle: "none" }}>
        {COUNTS.map((key) => (
          <Card key={key} withBorder radius="md" p="sm" component="li">
            <Text fz="xl" fw={700} lh={1.1}>
              {number.format(record.counts[key])}
            </Text>
            <Text fz="sm">{t(`portal.record.count.${key}`)}</Text>
          </Card>
        ))}
      </SimpleGrid>
      {record.items.length === 0 ? (
        <Text fz="sm">{t("portal.record.empty")}</Text>
      ) : (
        <>
          <Title order={3} fz="h5" mb="xs">
            {t("portal.record.list")}
          </Title>
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
            {record.items.map((item) => (
              <Card key={`${item.title}-${item.closedAt}`} withBorder radius="md" p="sm" component="li">
                <Text fw={600} fz="sm">
                  {item.title}
                </Text>
                {/* Under the title, not beside it: on a phone a long outcome would not fit next to a long title. */}
                <Badge
                  color={OUTCOME_COLOURS[item.outcome]}
                  variant="light"
                  styles={{ label: { color: "var(--mantine-color-dark-8)" } }}
                  maw="100%"
                  my={4}
                >
                  {t(`portal.record.outcome.${item.outcome}`)}
                </Badge>
                <Text fz="sm">{t("portal.record.due", { date: day(item.dueAt) })}</Text>
                <Text fz="sm">{t("portal.record.closed", { date: day(item.closedAt) })}</Text>
                {item.renegotiatedWithNotice && (
                  <Text fz="sm" c="dimmed">
                    {t("portal.record.movedWithNotice")}
                  </Text>
                )}
              </Card>
            ))}
          </Stack>
        </>
      )}
    </section>
  );
}
