import { useEffect } from "react";

/** The browser tab's title, "<page> · Trustledger", so each page can be told apart (and announced). */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    document.title = !title ? "Trustledger" : title.includes("Trustledger") ? title : `${title} · Trustledger`;
  }, [title]);
}
