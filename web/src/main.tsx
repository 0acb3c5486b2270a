import "./zod-config.ts";
import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "./styles.css";
import { createTheme, MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError, setUnauthenticatedHandler } from "./api/client.ts";
import { DatesLocale } from "./i18n/DatesLocale.tsx";
import { I18nProvider } from "./i18n/i18n.tsx";
import { redirectToSignIn, router } from "./router.tsx";

/** A calm blue whose darker shades keep text contrast above 4.5:1 on white. */
const theme = createTheme({
  primaryColor: "brand",
  primaryShade: 8,
  colors: {
    brand: ["#e7f1fb", "#cfe2f6", "#a0c4ec", "#6ea5e2", "#4589d9", "#2d78d4", "#1f6ac0", "#1c5d99", "#184f85", "#123d68"],
    // Mantine's green with a darker last shade: green.9 (#2b8a3e, 4.2:1) is used for small text ("up 26 pp").
    green: ["#ebfbee", "#d3f9d8", "#b2f2bb", "#8ce99a", "#69db7c", "#51cf66", "#40c057", "#37b24d", "#2f9e44", "#1f6f32"],
  },
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
  headings: { fontWeight: "650" },
  // People who asked their system for less motion get no fading dialogs.
  respectReducedMotion: true,
});

/**
 * Mantine's dimmed grey and its error red (red.6, 3.6:1) are below 4.5:1 on white
 * for small text; these are not (red.9 is 5.3:1).
 */
const cssVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#495057", "--mantine-color-error": "#c92a2a" },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// An expired session anywhere in the app leads to the sign-in page, then back.
setUnauthenticatedHandler(() => redirectToSignIn(() => queryClient.clear()));

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <I18nProvider>
          <DatesLocale>
            <QueryClientProvider client={queryClient}>
              <RouterProvider router={router} />
            </QueryClientProvider>
          </DatesLocale>
        </I18nProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
