import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Navigate, Outlet } from "@tanstack/react-router";
import type { Role } from "../../src/core/roles.ts";
import { validateAtRiskSearch } from "./features/at-risk/search.ts";
import { AcceptInvitePage } from "./features/auth/AcceptInvitePage.tsx";
import { safeRedirect } from "./features/auth/redirect.ts";
import { SignInPage } from "./features/auth/SignInPage.tsx";
import { SignUpPage } from "./features/auth/SignUpPage.tsx";
import { useMe } from "./features/auth/session.ts";
import { VerifyEmailPage } from "./features/auth/VerifyEmailPage.tsx";
import { ClientPage } from "./features/clients/ClientPage.tsx";
import { ClientsPage } from "./features/clients/ClientsPage.tsx";
import { CommitmentPage } from "./features/commitments/CommitmentPage.tsx";
import { DoneUndo } from "./features/commitments/DoneUndo.tsx";
import { validateCommitmentsSearch } from "./features/commitments/list-search.ts";
import { MyDayPage } from "./features/commitments/MyDayPage.tsx";
import { validateTeamSearch } from "./features/reliability/period.ts";
import { SettingsLayout } from "./features/settings/SettingsLayout.tsx";
import { AppLayout } from "./layout/AppLayout.tsx";

/**
 * Every page of the app, listed in one place. What most people open first
 * (clients, a client, My day, a promise) is in the main bundle; settings, the
 * Team page, the callback intake and the client portal load when first opened.
 */
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
const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/verify-email",
  component: VerifyEmailPage,
  validateSearch: (search: Record<string, unknown>): { token: string } => ({ token: String(search.token ?? "").slice(0, 4000) }),
});
const inviteRoute = createRoute({ getParentRoute: () => rootRoute, path: "/invite/$id", component: AcceptInvitePage });
const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/portal/$token",
  component: lazyRouteComponent(() => import("./features/portal/PortalPage.tsx"), "PortalPage"),
});
/** A contact's pulse (four questions), public like the portal: the link's token is the key. */
const pulseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/pulse/$token",
  component: lazyRouteComponent(() => import("./features/pulse/PulsePage.tsx"), "PulsePage"),
});

/** Every signed-in page, and the undo offered after "Mark done" on any of them. */
function SignedIn() {
  return (
    <>
      <AppLayout />
      <DoneUndo />
    </>
  );
}
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: "app", component: SignedIn });

/** Where each role starts its day: front desk takes calls, advisors keep promises, leads watch the team; admins set things up. */
export const LANDING: Record<Role, "/callbacks/new" | "/my-day" | "/team" | "/clients"> = {
  frontdesk: "/callbacks/new",
  advisor: "/my-day",
  lead: "/team",
  admin: "/clients",
};
function Landing() {
  // AppLayout renders pages only once the signed-in person is known.
  const me = useMe();
  return <Navigate to={me.data ? LANDING[me.data.role] : "/clients"} replace />;
}
const homeRoute = createRoute({ getParentRoute: () => appRoute, path: "/", component: Landing });
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
const callbackIntakeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/callbacks/new",
  component: lazyRouteComponent(() => import("./features/callbacks/CallbackIntakePage.tsx"), "CallbackIntakePage"),
});
const commitmentRoute = createRoute({ getParentRoute: () => appRoute, path: "/commitments/$id", component: CommitmentPage });
/** Clients at risk, ranked; the owner, team and acknowledged filters live in the address. */
const atRiskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/at-risk",
  component: lazyRouteComponent(() => import("./features/at-risk/AtRiskPage.tsx"), "AtRiskPage"),
  validateSearch: validateAtRiskSearch,
});
/** Our errors and how each client was told. */
const incidentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/incidents",
  component: lazyRouteComponent(() => import("./features/incidents/IncidentsPage.tsx"), "IncidentsPage"),
});
/** Engagements by stage; one engagement with its analysis and the gate before contracting. */
const engagementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/engagements",
  component: lazyRouteComponent(() => import("./features/engagements/EngagementsPage.tsx"), "EngagementsPage"),
});
const engagementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/engagements/$id",
  component: lazyRouteComponent(() => import("./features/engagements/EngagementPage.tsx"), "EngagementPage"),
});
/** The integrity dashboard: untold errors, time to tell, red-face exposure. */
const integrityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/integrity",
  component: lazyRouteComponent(() => import("./features/integrity/IntegrityPage.tsx"), "IntegrityPage"),
});
const incidentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/incidents/$id",
  component: lazyRouteComponent(() => import("./features/incidents/IncidentPage.tsx"), "IncidentPage"),
});
/** Promises by filter (the list behind a figure); the filters live in the address. */
const commitmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/commitments",
  component: lazyRouteComponent(() => import("./features/commitments/CommitmentsListPage.tsx"), "CommitmentsListPage"),
  validateSearch: validateCommitmentsSearch,
});
const settingsRoute = createRoute({ getParentRoute: () => appRoute, path: "/settings", component: SettingsLayout });
const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/",
  component: () => <Navigate to="/settings/members" />,
});
const membersRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/members",
  component: lazyRouteComponent(() => import("./features/settings/members/MembersPage.tsx"), "MembersPage"),
});
const teamsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/teams",
  component: lazyRouteComponent(() => import("./features/teams/TeamsPage.tsx"), "TeamsPage"),
});
const expertiseRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/expertise",
  component: lazyRouteComponent(() => import("./features/settings/members/ExpertisePage.tsx"), "ExpertisePage"),
});
const tokensRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/tokens",
  component: lazyRouteComponent(() => import("./features/api-tokens/ApiTokensPage.tsx"), "ApiTokensPage"),
});
/** Reliability figures; the period and grouping live in the address. */
const teamFiguresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/team",
  component: lazyRouteComponent(() => import("./features/reliability/TeamPage.tsx"), "TeamPage"),
  validateSearch: validateTeamSearch,
});
/** One's own trust profile and self-assessment (private to the person). */
const trustProfileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/trust-profile",
  component: lazyRouteComponent(() => import("./features/trust-profile/TrustProfilePage.tsx"), "TrustProfilePage"),
});
const workingTimeRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/working-time",
  component: lazyRouteComponent(() => import("./features/working-time/WorkingTimePage.tsx"), "WorkingTimePage"),
});
const slaPoliciesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/sla-policies",
  component: lazyRouteComponent(() => import("./features/working-time/SlaPoliciesPage.tsx"), "SlaPoliciesPage"),
});
const calendarFeedRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/calendar",
  component: lazyRouteComponent(() => import("./features/calendar/CalendarFeedPage.tsx"), "CalendarFeedPage"),
});
const trustSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/trust",
  component: lazyRouteComponent(() => import("./features/trust/TrustSettingsPage.tsx"), "TrustSettingsPage"),
});
const priceIndicesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/price-indices",
  component: lazyRouteComponent(() => import("./features/index-series/PriceIndicesPage.tsx"), "PriceIndicesPage"),
});
const rateCardRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/rate-card",
  component: lazyRouteComponent(() => import("./features/rate-card/RateCardPage.tsx"), "RateCardPage"),
});
const systemRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/system",
  component: lazyRouteComponent(() => import("./features/notifications/SystemPage.tsx"), "SystemPage"),
});

const routeTree = rootRoute.addChildren([
  signinRoute,
  signupRoute,
  inviteRoute,
  verifyEmailRoute,
  portalRoute,
  pulseRoute,
  appRoute.addChildren([
    homeRoute,
    clientsRoute,
    clientRoute,
    myDayRoute,
    commitmentRoute,
    commitmentsRoute,
    atRiskRoute,
    incidentsRoute,
    engagementsRoute,
    engagementRoute,
    integrityRoute,
    incidentRoute,
    callbackIntakeRoute,
    teamFiguresRoute,
    trustProfileRoute,
    settingsRoute.addChildren([
      settingsIndexRoute,
      membersRoute,
      teamsRoute,
      expertiseRoute,
      tokensRoute,
      workingTimeRoute,
      slaPoliciesRoute,
      calendarFeedRoute,
      trustSettingsRoute,
      priceIndicesRoute,
      rateCardRoute,
      systemRoute,
    ]),
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: false });

const PUBLIC_PATHS = ["/signin", "/signup", "/invite/", "/portal/", "/pulse/"];

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
