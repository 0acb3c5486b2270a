import { Box, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { usePageTitle } from "./usePageTitle.ts";

/** Sign-in, sign-up and invitation pages: one card, centred. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  usePageTitle(title);
  return (
    <Box mih="100vh" bg="gray.0">
      <Group component="header" justify="space-between" px="lg" py="md">
        <Text fw={700} fz="lg" c="brand.8">
          {t("app.name")}
        </Text>
        <LanguageSwitch />
      </Group>
      <Center component="main" id="main" px="md" py="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={440}>
          <Stack gap="md">
            <div>
              <Title order={1} fz="h2">
                {title}
              </Title>
              <Text c="gray.7" fz="sm">
                {t("auth.tagline")}
              </Text>
            </div>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
