import { Stack, Tabs, Title } from "@mantine/core";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { canSeeSystem } from "../../../../src/core/notifications.ts";
import { canSeeTrust } from "../../../../src/core/roles.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useMe } from "../auth/session.ts";

const TABS = [
  { path: "/settings/members", label: "settings.members" },
  { path: "/settings/teams", label: "settings.teams" },
  { path: "/settings/expertise", label: "settings.expertise" },
  { path: "/settings/tokens", label: "settings.tokens" },
  { path: "/settings/working-time", label: "settings.workingTime" },
  { path: "/settings/sla-policies", label: "settings.sla" },
  { path: "/settings/calendar", label: "settings.calendar" },
  { path: "/settings/trust", label: "settings.trust" },
  { path: "/settings/price-indices", label: "settings.priceIndices" },
  { path: "/settings/rate-card", label: "settings.rateCard" },
  { path: "/settings/system", label: "settings.system" },
] as const;

export function SettingsLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const path = useRouterState({ select: (state) => state.location.pathname });
  const me = useMe();
  // The System tab (mail, background sweep, e-mail queue) is for administrators.
  // The trust ledger's weights are not for the front desk (canSeeTrust).
  const tabs = TABS.filter(
    (tab) =>
      (tab.path !== "/settings/system" || (me.data !== undefined && canSeeSystem(me.data.role))) &&
      (tab.path !== "/settings/trust" || (me.data !== undefined && canSeeTrust(me.data.role))) &&
      (tab.path !== "/settings/rate-card" || (me.data !== undefined && canSeeTrust(me.data.role))),
  );
  const current = TABS.find((tab) => tab.path === path);
  usePageTitle(current ? `${t(current.label)} · ${t("settings.title")}` : t("settings.title"));
  return (
    <Stack gap="md">
      <Title order={1}>{t("settings.title")}</Title>
      <Tabs value={path} onChange={(value) => value && navigate({ to: value })}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.path} value={tab.path}>
              {t(tab.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
