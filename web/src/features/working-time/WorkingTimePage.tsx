import "@mantine/dates/styles.css";
import { Alert, Button, Card, Group, Loader, Select, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { TimePicker } from "@mantine/dates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { dateFrom, instantAt } from "../../../../src/core/dates.ts";
import { canConfigureOrganization } from "../../../../src/core/roles.ts";
import {
  businessDaySchema,
  type UpdateWorkingTimeInput,
  type WorkingTime,
} from "../../../../src/modules/working-time/working-time.schemas.ts";
import { ApiError, api, formError } from "../../api/client.ts";
import { issueMessage } from "../../forms/zod-errors.ts";
import type { MessageKey } from "../../i18n/en.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMe } from "../auth/session.ts";
import { formatShortDate } from "../reliability/format.ts";
import { useWorkingTime } from "./queries.ts";

type Day = "1" | "2" | "3" | "4" | "5" | "6" | "7";
const DAYS: readonly Day[] = ["1", "2", "3", "4", "5", "6", "7"];
const COUNTRIES = ["NL", "BE", "DE", "GB", "US"] as const;
const DEFAULT_HOURS = { start: "09:00", end: "17:00" };
/** Each language in its own words. */
const LANGUAGES = [
  { value: "nl", label: "Nederlands" },
  { value: "en", label: "English" },
];
type Draft = Omit<UpdateWorkingTimeInput, "version">;

/** The firm's working time: administrators change it, everyone else reads it. */
export function WorkingTimePage() {
  const { t } = useI18n();
  const me = useMe();
  const settings = useWorkingTime();
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const canEdit = me.data ? canConfigureOrganization(me.data.role) : false;
  if (settings.isPending) return <Loader aria-label={t("app.loading")} />;
  if (settings.error || !settings.data) {
    return (
      <Alert color="red" role="alert">
        {settings.error?.message}
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Text>{t("workingTime.intro")}</Text>
      {!canEdit && <Text c="gray.7">{t("workingTime.readOnly")}</Text>}
      {/* A new version (saved here, or reloaded after a conflict) starts the form afresh. */}
      <WorkingTimeForm key={settings.data.version} settings={settings.data} canEdit={canEdit} onSaved={setSavedVersion} />
      {canEdit && (
        <Text role="status" fz="sm" c="green.9">
          {savedVersion === settings.data.version ? t("workingTime.saved") : ""}
        </Text>
      )}
    </Stack>
  );
}

function toDraft(settings: WorkingTime): Draft {
  return {
    timeZone: settings.timeZone,
    businessHours: Object.fromEntries(DAYS.map((day) => [day, settings.businessHours[day] ?? null])),
    holidayCountry: settings.holidayCountry,
    holidayRegion: settings.holidayRegion,
    holidayChoices: settings.holidayChoices,
    language: settings.language,
  };
}

function WorkingTimeForm({
  settings,
  canEdit,
  onSaved,
}: {
  settings: WorkingTime;
  canEdit: boolean;
  /** The version just saved, or null once the form is edited again. */
  onSaved: (version: number | null) => void;
}) {
  const { t, language, locale } = useI18n();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [hourErrors, setHourErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => api<WorkingTime>("PUT", "/api/v1/settings/working-time", { ...draft, version: settings.version }),
    onSuccess: (next) => {
      onSaved(next.version);
      queryClient.setQueryData(["working-time"], next);
      queryClient.invalidateQueries({ queryKey: ["due-example"] });
    },
  });
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const update = (patch: Partial<Draft>) => {
    onSaved(null);
    setHourErrors({});
    setDraft((current) => ({ ...current, ...patch }));
  };
  const setDay = (day: Day, hours: { start: string; end: string } | null) =>
    update({ businessHours: { ...draft.businessHours, [day]: hours } });
  const weekdayName = (day: Day) =>
    new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(instantAt("UTC", dateFrom(2024, 1, Number(day)), "00:00")); // 1 January 2024 was a Monday
  const regionName = (code: string) => new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  const zones = Intl.supportedValuesOf("timeZone");
  const zoneOptions = zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones];
  const countryOptions = [...COUNTRIES, ...(COUNTRIES.includes(draft.holidayCountry as "NL") ? [] : [draft.holidayCountry])].map(
    (code) => ({ value: code, label: regionName(code) }),
  );
  const holidays = groupHolidays(settings.holidays);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = hoursErrors(draft.businessHours, t);
    setHourErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Card withBorder component="section" aria-labelledby="wt-hours">
          <Title order={2} fz="h4" id="wt-hours" mb="sm">
            {t("workingTime.hours")}
          </Title>
          {canEdit ? (
            <Select
              label={t("workingTime.timeZone")}
              description={t("workingTime.timeZoneHint")}
              data={zoneOptions}
              value={draft.timeZone}
              onChange={(value) => value && update({ timeZone: value })}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t("workingTime.noTimeZone")}
              maw={360}
              mb="md"
            />
          ) : (
            <ReadOnlyValue label={t("workingTime.timeZone")} value={draft.timeZone} />
          )}
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing={6} maw={620}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("workingTime.day")}</Table.Th>
                  <Table.Th scope="col">{t("workingTime.openClosed")}</Table.Th>
                  <Table.Th scope="col">{t("workingTime.opens")}</Table.Th>
                  <Table.Th scope="col">{t("workingTime.closes")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {DAYS.map((day) => {
                  const hours = draft.businessHours[day] ?? null;
                  const name = weekdayName(day);
                  const status = hours ? t("workingTime.open") : t("workingTime.closed");
                  return (
                    <Table.Tr key={day}>
                      <Table.Th scope="row" fw={500}>
                        {name}
                      </Table.Th>
                      <Table.Td>
                        {canEdit ? (
                          <Switch
                            checked={hours !== null}
                            onChange={(event) =>
                              setDay(day, event.currentTarget.checked ? (settings.businessHours[day] ?? DEFAULT_HOURS) : null)
                            }
                            label={status}
                            aria-label={t("workingTime.openOn", { day: name })}
                          />
                        ) : (
                          status
                        )}
                      </Table.Td>
                      {(["start", "end"] as const).map((edge) => (
                        <Table.Td key={edge}>
                          {hours &&
                            (canEdit ? (
                              // Mantine's own 24-hour fields: a native time input follows the browser's locale (AM/PM in a Dutch UI).
                              <TimePicker
                                aria-label={t(edge === "start" ? "workingTime.opensOn" : "workingTime.closesOn", { day: name })}
                                format="24h"
                                hoursInputLabel={t("commitments.due.hours")}
                                minutesInputLabel={t("commitments.due.minutes")}
                                value={hours[edge]}
                                onChange={(value) => setDay(day, { ...hours, [edge]: value.slice(0, 5) })}
                                error={hourErrors[`${day}.${edge}`]}
                                w={120}
                              />
                            ) : (
                              hours[edge]
                            ))}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>

        <Card withBorder component="section" aria-labelledby="wt-holidays">
          <Title order={2} fz="h4" id="wt-holidays" mb="sm">
            {t("workingTime.holidays")}
          </Title>
          {canEdit ? (
            <Select
              label={t("workingTime.country")}
              data={countryOptions}
              value={draft.holidayCountry}
              // Another country's regions are not this one's.
              onChange={(value) => value && update({ holidayCountry: value, holidayRegion: null })}
              allowDeselect={false}
              maw={360}
              mb="md"
            />
          ) : (
            <ReadOnlyValue label={t("workingTime.country")} value={regionName(draft.holidayCountry)} />
          )}
          {draft.holidayCountry !== settings.holidayCountry ? (
            <Text c="gray.7">{t("workingTime.countryChanged", { country: regionName(draft.holidayCountry) })}</Text>
          ) : (
            <>
              <Text fz="sm" c="gray.7" mb="xs">
                {t("workingTime.holidaysHint")}
              </Text>
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing={6}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("workingTime.holiday")}</Table.Th>
                      <Table.Th scope="col">{t("workingTime.dates")}</Table.Th>
                      <Table.Th scope="col">{t("workingTime.office")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {holidays.map((holiday) => {
                      const closed = draft.holidayChoices[holiday.key] ?? holiday.closed;
                      const name = holiday.name[language];
                      const status = closed ? t("workingTime.closed") : t("workingTime.open");
                      return (
                        <Table.Tr key={holiday.key}>
                          <Table.Th scope="row" fw={500}>
                            {name}
                            <Text fz="xs" c="gray.7" fw={400}>
                              {holiday.closedByDefault ? t("workingTime.usuallyClosed") : t("workingTime.usuallyOpen")}
                            </Text>
                          </Table.Th>
                          <Table.Td>{holiday.dates.map((date) => formatShortDate(locale, date, true)).join(" · ")}</Table.Td>
                          <Table.Td>
                            {canEdit ? (
                              <Switch
                                checked={closed}
                                onChange={(event) =>
                                  update({ holidayChoices: { ...draft.holidayChoices, [holiday.key]: event.currentTarget.checked } })
                                }
                                label={status}
                                aria-label={t("workingTime.closedOn", { holiday: name })}
                              />
                            ) : (
                              status
                            )}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </Card>

        <Card withBorder component="section" aria-labelledby="wt-messages">
          <Title order={2} fz="h4" id="wt-messages" mb="sm">
            {t("workingTime.messages")}
          </Title>
          {canEdit ? (
            <Select
              label={t("workingTime.language")}
              description={t("workingTime.languageHint")}
              data={LANGUAGES}
              value={draft.language}
              onChange={(value) => value && update({ language: value as Draft["language"] })}
              allowDeselect={false}
              maw={360}
            />
          ) : (
            <ReadOnlyValue
              label={t("workingTime.language")}
              value={LANGUAGES.find((option) => option.value === draft.language)?.label ?? draft.language}
            />
          )}
        </Card>

        {conflict ? (
          <Alert color="red" role="alert">
            <Text fz="sm">{t("workingTime.conflict")}</Text>
            <Button size="compact-sm" variant="light" mt="xs" onClick={() => queryClient.invalidateQueries({ queryKey: ["working-time"] })}>
              {t("workingTime.reload")}
            </Button>
          </Alert>
        ) : (
          formError(save.error, []) && (
            <Alert color="red" role="alert">
              {formError(save.error, [])}
            </Alert>
          )
        )}
        {canEdit && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("app.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/**
 * The opening hours checked with the API's schema before saving, each problem
 * next to its time field ("1.end") in the UI's words, never the schema's.
 */
function hoursErrors(
  hours: Draft["businessHours"],
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [day, times] of Object.entries(hours)) {
    if (!times) continue;
    const result = businessDaySchema.safeParse(times);
    for (const issue of result.success ? [] : result.error.issues) {
      const key = `${day}.${String(issue.path[0] ?? "end")}`;
      errors[key] ??=
        issue.code === "custom" ? t("form.endAfterStart") : issue.code === "invalid_format" ? t("form.time") : issueMessage(issue, t);
    }
  }
  return errors;
}

/** What a member who may not change a setting sees instead of a greyed-out control. */
function ReadOnlyValue({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0} mb="md">
      <Text fz="sm" fw={500}>
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
}

type HolidayRow = Omit<WorkingTime["holidays"][number], "date"> & { dates: string[] };

/** One row per holiday (its key), with its dates this year and next: one choice covers both. */
function groupHolidays(holidays: WorkingTime["holidays"]): HolidayRow[] {
  const byKey = new Map<string, HolidayRow>();
  for (const { date, ...holiday } of holidays) {
    const existing = byKey.get(holiday.key);
    if (existing) existing.dates.push(date);
    else byKey.set(holiday.key, { ...holiday, dates: [date] });
  }
  return [...byKey.values()];
}
