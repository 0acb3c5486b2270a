import { Button, Code, CopyButton, Group } from "@mantine/core";
import { useI18n } from "../i18n/i18n.tsx";

/** A value shown once (a token, a secret link) with a button that copies it. */
export function CopyableValue({ value, testId }: { value: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Group gap="xs" mt={4} wrap="nowrap">
      <Code style={{ wordBreak: "break-all" }} data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button size="compact-sm" variant="light" onClick={copy}>
            {copied ? t("app.copied") : t("app.copy")}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
