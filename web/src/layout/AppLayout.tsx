import { Anchor, AppShell, Burger, Button, Center, Group, Loader, Menu, NavLink, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, Navigate, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { canSeeTeamFigures, canSeeTrust } from "../../../src/core/roles.ts";
import { ApiError } from "../api/client.ts";
import { safeRedirect } from "../features/auth/redirect.ts";
import { useMe, useSignOut } from "../features/auth/session.ts";
import { NotificationsBell } from "../features/notifications/NotificationsBell.tsx";
import { HeaderSearch } from "../features/search/HeaderSearch.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

/** The frame of every signed-in page: header, navigation, main content. */
export function AppLayout() {
  const { t } = useI18n();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useRouterState({ select: (state) => state.location });
  const path = location.pathname;

  if (me.isPending) {
    return (
      <Center h="100vh" aria-live="polite">
        <Loader aria-label={t("app.loading")} />
      </Center>
    );
  }
  if (me.error instanceof ApiError && (me.error.status === 401 || me.error.status === 403)) {
    const redirect = safeRedirect(location.pathname + location.searchStr);
    return <Navigate to="/signin" search={redirect ? { redirect } : {}} replace />;
  }
  if (me.error || !me.data) {
    return (
      <Center h="100vh">
        <Button onClick={() => me.refetch()}>{t("app.retry")}</Button>
      </Center>
    );
  }

  const callbackLink = (
    <NavLink
      component={Link}
      to="/callbacks/new"
      label={t("nav.callback")}
      fw={me.data.role === "frontdesk" ? 700 : undefined}
      active={path === "/callbacks/new"}
      onClick={close}
    />
  );

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 200, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="lg">
      <a href="#main" className="skip-link">
        {t("app.skip")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.menu")} />
            <Anchor component={Link} to="/clients" fw={700} fz="lg" underline="never" c="brand.8">
              {t("app.name")}
            </Anchor>
            <Text c="gray.7" fz="sm" visibleFrom="sm">
              {me.data.organizationName}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ flex: 1, justifyContent: "flex-end", minWidth: 0 }}>
            <HeaderSearch />
            <NotificationsBell />
            <LanguageSwitch />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton px="xs" py={4} className="account-button">
                  <Text fz="sm" fw={500} style={{ whiteSpace: "nowrap" }}>
                    {me.data.name}
                  </Text>
                  <Text fz="xs" c="gray.7" visibleFrom="sm">
                    {t(`roles.${me.data.role}`)}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.data.email}</Menu.Label>
                <Menu.Item component={Link} to="/trust-profile">
                  {t("profile.menu")}
                </Menu.Item>
                <Menu.Item onClick={() => signOut.mutate(undefined, { onSettled: () => navigate({ to: "/signin" }) })}>
                  {t("nav.signout")}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t("nav.main")}>
        {/* The front desk's first task comes first; for everyone else it follows My day. */}
        {me.data.role === "frontdesk" && callbackLink}
        <NavLink component={Link} to="/my-day" label={t("nav.myDay")} active={path === "/my-day"} onClick={close} />
        {me.data.role !== "frontdesk" && callbackLink}
        <NavLink component={Link} to="/clients" label={t("nav.clients")} active={path.startsWith("/clients")} onClick={close} />
        {canSeeTrust(me.data.role) && (
          <NavLink component={Link} to="/at-risk" label={t("nav.atRisk")} active={path === "/at-risk"} onClick={close} />
        )}
        <NavLink component={Link} to="/incidents" label={t("nav.incidents")} active={path.startsWith("/incidents")} onClick={close} />
        <NavLink component={Link} to="/engagements" label={t("nav.engagements")} active={path.startsWith("/engagements")} onClick={close} />
        {canSeeTrust(me.data.role) && (
          <NavLink component={Link} to="/integrity" label={t("nav.integrity")} active={path === "/integrity"} onClick={close} />
        )}
        <NavLink
          component={Link}
          to="/team"
          label={canSeeTeamFigures(me.data.role) ? t("nav.team") : t("nav.myReliability")}
          active={path === "/team"}
          onClick={close}
        />
        <NavLink component={Link} to="/settings/members" label={t("nav.settings")} active={path.startsWith("/settings")} onClick={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
