import { createRootRoute, createRoute, createRouter, Navigate, Outlet } from "@tanstack/react-router";
import { ApiTokensPage } from "./features/api-tokens/ApiTokensPage.tsx";
import { AcceptInvitePage } from "./features/auth/AcceptInvitePage.tsx";
import { safeRedirect } from "./features/auth/redirect.ts";
import { SignInPage } from "./features/auth/SignInPage.tsx";
import { SignUpPage } from "./features/auth/SignUpPage.tsx";
import { CalendarFeedPage } from "./features/calendar/CalendarFeedPage.tsx";
import { CallbackIntakePage } from "./features/callbacks/CallbackIntakePage.tsx";
import { ClientPage } from "./features/clients/ClientPage.tsx";
import { ClientsPage } from "./features/clients/ClientsPage.tsx";
import { CommitmentPage } from "./features/commitments/CommitmentPage.tsx";
import { MyDayPage } from "./features/commitments/MyDayPage.tsx";
import { SystemPage } from "./features/notifications/SystemPage.tsx";
import { PortalPage } from "./features/portal/PortalPage.tsx";
import { validateTeamSearch } from "./features/reliability/period.ts";
import { TeamPage } from "./features/reliability/TeamPage.tsx";
import { ExpertisePage } from "./features/settings/members/ExpertisePage.tsx";
import { MembersPage } from "./features/settings/members/MembersPage.tsx";
import { SettingsLayout } from "./features/settings/SettingsLayout.tsx";
import { TeamsPage } from "./features/teams/TeamsPage.tsx";
import { SlaPoliciesPage } from "./features/working-time/SlaPoliciesPage.tsx";
import { WorkingTimePage } from "./features/working-time/WorkingTimePage.tsx";
import { AppLayout } from "./layout/AppLayout.tsx";

/** Every page of the app, listed in one place. */
const rootRoute = createRootRoute({ component: Outlet });

const signinRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/signin",
  component: SignInPage,
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => {
    const redirect = safeRedirect(search.redirect);
    return redirect ? { redirect } : {};
  },
});
const signupRoute = createRoute({ getParentRoute: () => rootRoute, path: "/signup", component: SignUpPage });
const inviteRoute = createRoute({ getParentRoute: () => rootRoute, path: "/invite/$id", component: AcceptInvitePage });
const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: "/portal/$token", component: PortalPage });

const appRoute = createRoute({ getParentRoute: () => rootRoute, id: "app", component: AppLayout });
const homeRoute = createRoute({ getParentRoute: () => appRoute, path: "/", component: () => <Navigate to="/clients" /> });
const clientsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/clients",
  component: ClientsPage,
  /** The search text and the archived toggle live in the address, so Back returns to the same list. */
  validateSearch: (search: Record<string, unknown>): { q?: string; archived?: boolean } => ({
    // A query like ?q=123 arrives as a number (the router parses values as JSON).
    ...((typeof search.q === "string" || typeof search.q === "number") && String(search.q).trim()
      ? { q: String(search.q).slice(0, 200) }
      : {}),
    ...(search.archived === true || search.archived === "true" ? { archived: true } : {}),
  }),
});
const clientRoute = createRoute({ getParentRoute: () => appRoute, path: "/clients/$id", component: ClientPage });
const myDayRoute = createRoute({ getParentRoute: () => appRoute, path: "/my-day", component: MyDayPage });
const callbackIntakeRoute = createRoute({ getParentRoute: () => appRoute, path: "/callbacks/new", component: CallbackIntakePage });
const commitmentRoute = createRoute({ getParentRoute: () => appRoute, path: "/commitments/$id", component: CommitmentPage });
const settingsRoute = createRoute({ getParentRoute: () => appRoute, path: "/settings", component: SettingsLayout });
const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/",
  component: () => <Navigate to="/settings/members" />,
});
const membersRoute = createRoute({ getParentRoute: () => settingsRoute, path: "/members", component: MembersPage });
const teamsRoute = createRoute({ getParentRoute: () => settingsRoute, path: "/teams", component: TeamsPage });
const expertiseRoute = createRoute({ getParentRoute: () => settingsRoute, path: "/expertise", component: ExpertisePage });
const tokensRoute = createRoute({ getParentRoute: () => settingsRoute, path: "/tokens", component: ApiTokensPage });
/** Reliability figures; the period and grouping live in the address. */
const teamFiguresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/team",
  component: TeamPage,
  validateSearch: validateTeamSearch,
});
const workingTimeRoute = createRoute({ getParentRoute: () => settingsRoute, path: "/working-time", component: WorkingTimePage });
const slaPoliciesRoute = createRoute({ getParentRoute: () => settingsRoute, path: "/sla-policies", component: SlaPoliciesPage });
const calendarFeedRoute = createRoute({ getParentRoute: () => settingsRoute, path: "/calendar", component: CalendarFeedPage });
const systemRoute = createRoute({ getParentRoute: () => settingsRoute, path: "/system", component: SystemPage });

const routeTree = rootRoute.addChildren([
  signinRoute,
  signupRoute,
  inviteRoute,
  portalRoute,
  appRoute.addChildren([
    homeRoute,
    clientsRoute,
    clientRoute,
    myDayRoute,
    commitmentRoute,
    callbackIntakeRoute,
    teamFiguresRoute,
    settingsRoute.addChildren([
      settingsIndexRoute,
      membersRoute,
      teamsRoute,
      expertiseRoute,
      tokensRoute,
      workingTimeRoute,
      slaPoliciesRoute,
      calendarFeedRoute,
      systemRoute,
    ]),
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: false });

const PUBLIC_PATHS = ["/signin", "/signup", "/invite/", "/portal/"];

/**
 * The session is gone: back to the sign-in page, which returns here afterwards.
 * Public pages stay where they are.
 */
export function redirectToSignIn(onLeft: () => void) {
  const { pathname, searchStr } = router.state.location;
  if (PUBLIC_PATHS.some((path) => pathname.startsWith(path))) return;
  const redirect = safeRedirect(pathname + searchStr);
  void router.navigate({ to: "/signin", search: redirect ? { redirect } : {}, replace: true }).then(onLeft);
}

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
