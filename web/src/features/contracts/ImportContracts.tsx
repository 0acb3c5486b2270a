import { Alert, Button, FileButton, Group, List, Stack, Text } from "@mantine/core";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useImportContracts } from "./queries.ts";

type ImportRowError = { line: number; code: string; column: string; message: string };

/** "Import from CSV": a file of contracts, all or nothing; shows how many came in or every line's problem. */
export function ImportContracts() {
  const { t } = useI18n();
  const run = useImportContracts();
  const error = run.error;
  const rows = error instanceof ApiError ? ((error.details as { rows?: ImportRowError[] } | undefined)?.rows ?? []) : [];
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <FileButton
          accept=".csv,text/csv,text/plain"
          onChange={(file) => {
            if (file) run.mutate(file);
          }}
        >
          {(props) => (
            <Button variant="light" loading={run.isPending} {...props}>
              {t("contracts.import.button")}
            </Button>
          )}
        </FileButton>
        <Text fz="sm" c="dimmed">
          {t("contracts.import.hint")}
        </Text>
      </Group>
      {run.isSuccess && (
        <Alert color="green" role="status">
          {t("contracts.import.done", { count: run.data.imported })}
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert">
          {rows.length > 0 ? (
            <>
              <Text fz="sm">{t("contracts.import.failed")}</Text>
              <List size="sm">
                {rows.map((row) => (
                  <List.Item key={`${row.line}-${row.code}-${row.column}`}>{row.message}</List.Item>
                ))}
              </List>
            </>
          ) : (
            error.message
          )}
        </Alert>
      )}
    </Stack>
  );
}
