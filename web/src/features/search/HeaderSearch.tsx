import { ActionIcon, Box, Modal } from "@mantine/core";
import { useHotkeys, useMediaQuery } from "@mantine/hooks";
import { useRef, useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { SearchBox } from "./SearchBox.tsx";

/**
 * The search in the header of every signed-in page: "/" puts the cursor in
 * it. On a phone it is a button that opens the search over the page.
 */
export function HeaderSearch() {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const narrow = useMediaQuery("(max-width: 48em)");
  const [overlay, setOverlay] = useState(false);
  useHotkeys([
    [
      "/",
      () => {
        if (narrow) setOverlay(true);
        else input.current?.focus();
      },
    ],
  ]);
  if (narrow) {
    return (
      <>
        <ActionIcon variant="subtle" size="lg" aria-label={t("search.label")} aria-keyshortcuts="/" onClick={() => setOverlay(true)}>
          <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <circle cx="11" cy="11" r="7" />
            <line x1="16.5" y1="16.5" x2="21" y2="21" />
          </svg>
        </ActionIcon>
        <Modal
          opened={overlay}
          onClose={() => setOverlay(false)}
          title={t("search.label")}
          closeButtonProps={{ "aria-label": t("app.close") }}
          fullScreen
        >
          <SearchBox autoFocus onOpened={() => setOverlay(false)} />
        </Modal>
      </>
    );
  }
  return (
    <Box w={{ sm: 220, md: 340 }} style={{ flexShrink: 1, minWidth: 0 }}>
      <SearchBox inputRef={input} />
    </Box>
  );
}
