import { Alert, Anchor, Button, Card, Group, Loader, NumberInput, Stack, Table, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { canConfigureOrganization, canSeeTrust } from "../../../../src/core/roles.ts";
import { TRUST_CORES, type TrustCore } from "../../../../src/core/trust/cores.ts";
import { EVIDENCE_KINDS, type EvidenceKind } from "../../../../src/core/trust/weights.ts";
import {
  type SettingsPreview,
  type TrustSettings,
  type TrustSettingsInput,
  trustSettingsBody,
} from "../../../../src/modules/trust/trust.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useMe } from "../auth/session.ts";
import { formatScore } from "./format.ts";
import { kindKey, useTrustText } from "./messages.ts";
import { trustKeys, useTrustSettings } from "./queries.ts";

type Cell = number | string;
type Values = { halfLifeDays: Cell; weights: Record<EvidenceKind, Record<TrustCore, Cell>> };
type Weights = TrustSettings["defaults"];
type Notice = "saved" | "conflict" | null;

/**
 * The direction a cell's weight points: the default's, or for a core the
 * default leaves alone, the kind's (a kind with any negative weight costs trust).
 * The same rule as the server's effectiveWeights.
 */
export function signOf(defaults: Weights, kind: EvidenceKind, core: TrustCore): -1 | 1 {
  const base = defaults[kind]?.[core];
  if (base !== undefined) return base < 0 ? -1 : 1;
  return Object.values(defaults[kind] ?? {}).some((weight) => weight < 0) ? -1 : 1;
}

function valuesOf(settings: TrustSettings): Values {
  const weights = Object.fromEntries(
    EVIDENCE_KINDS.map((kind) => [
      kind,
      Object.fromEntries(
        TRUST_CORES.map((core) => {
          const weight = settings.weights[kind]?.[core];
          return [core, weight === undefined ? "" : Math.abs(weight)];
        }),
      ),
    ]),
  ) as Values["weights"];
  return { halfLifeDays: settings.halfLifeDays, weights };
}

function defaultValues(settings: TrustSettings): Values {
  return valuesOf({ ...settings, halfLifeDays: 180, weights: settings.defaults });
}

/**
 * What the API is sent: the half-life, and as changes only the magnitudes
 * that differ from the default (an empty cell keeps the default).
 */
export function bodyOf(values: Values, defaults: Weights, version: number): TrustSettingsInput {
  const changes: Record<string, Record<string, number>> = {};
  for (const kind of EVIDENCE_KINDS) {
    for (const core of TRUST_CORES) {
      const cell = values.weights[kind]?.[core];
      if (cell === undefined || cell === "") continue;
      const magnitude = Number(cell);
      const base = defaults[kind]?.[core];
      if (base !== undefined && Math.abs(base) === magnitude) continue;
      changes[kind] = { ...changes[kind], [core]: magnitude };
    }
  }
  const halfLifeDays = values.halfLifeDays === "" ? "" : Number(values.halfLifeDays);
  return { halfLifeDays: halfLifeDays as number, changes, version };
}

/** "changes.commitment_kept.integrity" → "weights.commitment_kept.integrity" (the form's field). */
const fieldOf = (path: string) => (path.startsWith("changes.") ? `weights.${path.slice("changes.".length)}` : path);

function WeightsForm({
  settings,
  canChange,
  notice,
  onNotice,
}: {
  settings: TrustSettings;
  canChange: boolean;
  notice: Notice;
  onNotice: (notice: Notice) => void;
}) {
  const { t, tr, coreName, language, locale } = useTrustText();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: valuesOf(settings),
    validate: (values) => zodErrors(trustSettingsBody, bodyOf(values, settings.defaults, settings.version), t, fieldOf),
    onValuesChange: () => {
      preview.reset();
      if (notice) onNotice(null);
    },
  });
  const preview = useMutation({
    mutationFn: (values: Values) =>
      api<SettingsPreview>("POST", "/api/v1/trust/settings/preview", bodyOf(values, settings.defaults, settings.version)),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      api<TrustSettings>("PUT", "/api/v1/trust/settings", bodyOf(values, settings.defaults, settings.version)),
    onSuccess: (next) => {
      // The saved version remounts this form (its key): the notice lives with the page.
      onNotice("saved");
      queryClient.setQueryData(["trust-settings"], next);
      void queryClient.invalidateQueries({ queryKey: trustKeys.all });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        onNotice("conflict");
        void queryClient.invalidateQueries({ queryKey: ["trust-settings"] });
      }
    },
  });
  const signed = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(value);
  const conflict = notice === "conflict" || (save.error instanceof ApiError && save.error.status === 409);
  const alert = conflict ? tr("trust.settings.conflict") : formError(save.error ?? preview.error, ["halfLifeDays"]);
  const number = { decimalSeparator: language === "nl" ? "," : ".", thousandSeparator: false as const };
  const changed = (kind: EvidenceKind, core: TrustCore) => {
    const cell = form.values.weights[kind][core];
    const base = settings.defaults[kind]?.[core];
    return cell === "" ? false : base === undefined || Math.abs(base) !== Number(cell);
  };

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="md">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        {notice === "saved" && (
          <Alert color="green" role="status">
            {tr("trust.settings.saved")}
          </Alert>
        )}
        {!canChange && <Text c="gray.7">{tr("trust.settings.readOnly")}</Text>}
        <NumberInput
          label={tr("trust.settings.halfLife")}
          description={tr("trust.settings.halfLifeHelp")}
          maw={320}
          min={7}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          readOnly={!canChange}
          {...number}
          {...form.getInputProps("halfLifeDays")}
          error={(form.errors.halfLifeDays as string | undefined) ?? fieldError(save.error, "halfLifeDays")}
        />
        <section aria-labelledby="trust-weights">
          <Title order={3} fz="h5" id="trust-weights" mb="xs">
            {tr("trust.settings.weights")}
          </Title>
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing={6} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{tr("trust.settings.col.kind")}</Table.Th>
                  {TRUST_CORES.map((core) => (
                    <Table.Th scope="col" key={core}>
                      {coreName(core)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {EVIDENCE_KINDS.map((kind) => (
                  <Table.Tr key={kind}>
                    <Table.Th scope="row" fw={400} maw={280}>
                      {tr(kindKey(kind))}
                    </Table.Th>
                    {TRUST_CORES.map((core) => {
                      const sign = signOf(settings.defaults, kind, core);
                      const base = settings.defaults[kind]?.[core];
                      return (
                        <Table.Td key={core}>
                          <NumberInput
                            size="xs"
                            w={104}
                            min={0}
                            max={10}
                            step={0.25}
                            decimalScale={2}
                            allowNegative={false}
                            readOnly={!canChange}
                            hideControls
                            aria-label={tr("trust.settings.cell", {
                              kind: tr(kindKey(kind)),
                              core: coreName(core),
                              direction: tr(sign < 0 ? "trust.settings.direction.down" : "trust.settings.direction.up"),
                            })}
                            leftSection={
                              <Text span fw={700} fz="sm" c={sign < 0 ? "red.9" : "green.9"} aria-hidden="true">
                                {sign < 0 ? "−" : "+"}
                              </Text>
                            }
                            leftSectionWidth={22}
                            inputWrapperOrder={["input", "description", "error"]}
                            description={
                              base === undefined ? tr("trust.settings.defaultNone") : tr("trust.settings.default", { value: signed(base) })
                            }
                            styles={changed(kind, core) ? { input: { fontWeight: 700, borderColor: "#1c5d99" } } : undefined}
                            {...number}
                            {...form.getInputProps(`weights.${kind}.${core}`)}
                          />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
        {canChange && (
          <Group>
            <Button variant="default" onClick={() => form.setValues(defaultValues(settings))}>
              {tr("trust.settings.reset")}
            </Button>
            <Button
              variant="light"
              loading={preview.isPending}
              onClick={() => {
                if (!form.validate().hasErrors) preview.mutate(form.values);
              }}
            >
              {tr("trust.settings.preview")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("app.save")}
            </Button>
          </Group>
        )}
        {preview.data && (
          <section aria-labelledby="trust-preview">
            <Title order={3} fz="h5" id="trust-preview" mb="xs">
              {tr("trust.settings.previewTitle")}
            </Title>
            <Text role="status" mb="xs">
              {preview.data.clientsAffected === 0
                ? tr("trust.settings.previewNone")
                : preview.data.clientsAffected === 1
                  ? tr("trust.settings.previewOne")
                  : tr("trust.settings.previewMany", { count: preview.data.clientsAffected })}
            </Text>
            {preview.data.changes.length > 0 && (
              <Table.ScrollContainer minWidth={520}>
                <Table verticalSpacing={4} maw={720}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{tr("trust.settings.col.client")}</Table.Th>
                      <Table.Th scope="col">{tr("trust.settings.col.core")}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {tr("trust.settings.col.before")}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {tr("trust.settings.col.after")}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.data.changes.map((change) => (
                      <Table.Tr key={`${change.clientId}-${change.core}`}>
                        <Table.Td>
                          <Anchor component={Link} to={`/clients/${change.clientId}`}>
                            {change.clientName}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{coreName(change.core)}</Table.Td>
                        <Table.Td ta="right">{formatScore(locale, change.before, 1)}</Table.Td>
                        <Table.Td ta="right" fw={600}>
                          <span aria-hidden="true">→ </span>
                          {formatScore(locale, change.after, 1)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {preview.data.changes.length >= 50 && (
              <Text fz="sm" c="dimmed" mt="xs">
                {tr("trust.settings.previewLimit")}
              </Text>
            )}
          </section>
        )}
      </Stack>
    </form>
  );
}

/** Settings › Trust ledger: the half-life and the weight table; administrators preview a change, then save it. */
export function TrustSettingsPage() {
  const { tr } = useTrustText();
  const me = useMe();
  const settings = useTrustSettings();
  const [notice, setNotice] = useState<Notice>(null);
  if (me.data && !canSeeTrust(me.data.role)) {
    return (
      <Alert color="gray" role="status">
        {tr("trust.forbidden")}
      </Alert>
    );
  }
  return (
    <Card withBorder component="section" aria-labelledby="trust-settings">
      <Title order={2} fz="h4" id="trust-settings" mb="xs">
        {tr("trust.settings.title")}
      </Title>
      <Text mb="md">{tr("trust.settings.intro")}</Text>
      {settings.isPending && <Loader size="sm" aria-label={tr("trust.settings.title")} />}
      {settings.error && (
        <Alert color="red" role="alert">
          {settings.error.message}
        </Alert>
      )}
      {settings.data && (
        // A new version (after saving, or reloaded on a conflict) starts the form afresh from what is saved now.
        <WeightsForm
          key={settings.data.version}
          settings={settings.data}
          canChange={me.data ? canConfigureOrganization(me.data.role) : false}
          notice={notice}
          onNotice={setNotice}
        />
      )}
    </Card>
  );
}
