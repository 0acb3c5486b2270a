import "dayjs/locale/nl";
import { DatesProvider } from "@mantine/dates";
import type { ReactNode } from "react";
import { useI18n } from "./i18n.tsx";

/** Date pickers speak the UI language (month and day names) and start the week on Monday. */
export function DatesLocale({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  return <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}
