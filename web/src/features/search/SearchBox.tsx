import { Box, Loader, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type KeyboardEvent, type Ref, useEffect, useId, useState } from "react";
import { MAX_QUERY_LENGTH } from "../../../../src/core/full-text.ts";
import { SEARCH_TYPES, type SearchResult, type SearchResults } from "../../../../src/modules/search/search.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Highlighted } from "./Highlighted.tsx";

/** Fewer characters than this find too much to be of use while typing. */
const MIN_LENGTH = 2;

/** Where a result leads: a client's page (at the interaction in its timeline) or a promise's page. */
function targetOf(result: SearchResult): { to: string; hash?: string } {
  switch (result.type) {
    case "client":
      return { to: `/clients/${result.id}` };
    case "contact":
      return { to: `/clients/${result.clientId}` };
    case "interaction":
      return { to: `/clients/${result.clientId}`, hash: `timeline-${result.id}` };
    case "commitment":
      return { to: `/commitments/${result.id}` };
  }
}

/**
 * The search field with its results in a list below it, grouped by kind, the
 * matched words marked. ↑ ↓ move, Enter opens, Escape closes.
 */
export function SearchBox({
  inputRef,
  onOpened,
  autoFocus,
}: {
  inputRef?: Ref<HTMLInputElement>;
  onOpened?: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(text.trim(), 150);
  const enabled = debounced.length >= MIN_LENGTH;
  const search = useQuery({
    queryKey: ["search", debounced],
    queryFn: () => api<SearchResults>("GET", `/api/v1/search?${new URLSearchParams({ q: debounced, limit: "20" })}`),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const results = enabled ? (search.data?.results ?? []) : [];
  // Grouped by kind in a fixed order; best first within each group. Keyboard order follows what is shown.
  const groups = SEARCH_TYPES.map((type) => ({ type, items: results.filter((result) => result.type === type) })).filter(
    (group) => group.items.length > 0,
  );
  const ordered = groups.flatMap((group) => group.items);
  const keys = ordered.map((result) => result.id).join("|");
  // biome-ignore lint/correctness/useExhaustiveDependencies: back to the first result when the results change
  useEffect(() => setActive(0), [keys]);
  const current = Math.min(active, Math.max(ordered.length - 1, 0));
  const shown = open && text.trim().length >= MIN_LENGTH;

  const go = (result: SearchResult | undefined) => {
    if (!result) return;
    const target = targetOf(result);
    setOpen(false);
    void navigate({ to: target.to, ...(target.hash ? { hash: target.hash } : {}) });
    onOpened?.();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (ordered.length === 0) return;
      setActive((current + (event.key === "ArrowDown" ? 1 : -1) + ordered.length) % ordered.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      go(ordered[current]);
    } else if (event.key === "Escape") {
      if (open) setOpen(false);
      else setText("");
    }
  };

  const listId = `${id}-results`;
  const optionId = (index: number) => `${id}-result-${index}`;
  const searching = text.trim() !== debounced || search.isFetching;
  let index = -1;
  return (
    <Box pos="relative" w="100%">
      <TextInput
        ref={inputRef}
        type="search"
        aria-label={t("search.label")}
        placeholder={t("search.placeholder")}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        maxLength={MAX_QUERY_LENGTH}
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && ordered.length > 0 ? optionId(current) : undefined}
        aria-keyshortcuts="/"
        autoComplete="off"
        autoFocus={autoFocus}
        rightSection={searching && enabled ? <Loader size="xs" aria-hidden /> : null}
      />
      <Text className="visually-hidden" role="status">
        {shown && !searching ? t("search.count", { count: ordered.length }) : ""}
      </Text>
      {shown && !searching && ordered.length === 0 && (
        <Text
          fz="sm"
          c="gray.7"
          p="sm"
          pos="absolute"
          right={0}
          w="100%"
          top="calc(100% + 4px)"
          bg="white"
          style={{ zIndex: 300, border: "1px solid var(--mantine-color-gray-3)", borderRadius: 6, minWidth: "min(28rem, 92vw)" }}
        >
          {t("search.none", { query: text.trim() })}
        </Text>
      )}
      <Box
        id={listId}
        role="listbox"
        aria-label={t("search.results")}
        hidden={!shown || ordered.length === 0}
        pos="absolute"
        right={0}
        w="100%"
        top="calc(100% + 4px)"
        bg="white"
        style={{
          zIndex: 300,
          border: "1px solid var(--mantine-color-gray-3)",
          borderRadius: 6,
          boxShadow: "var(--mantine-shadow-md)",
          maxHeight: "70vh",
          overflowY: "auto",
          minWidth: "min(28rem, 92vw)",
        }}
      >
        {groups.map((group) => (
          // A group of options inside a listbox (WAI-ARIA): a fieldset would not be one.
          // biome-ignore lint/a11y/useSemanticElements: role group is what a listbox may hold
          <div role="group" key={group.type} aria-labelledby={`${listId}-${group.type}`}>
            <Text id={`${listId}-${group.type}`} fz="xs" fw={700} tt="uppercase" c="gray.7" px="sm" pt={8} pb={2}>
              {t(`search.type.${group.type}`)}
            </Text>
            {group.items.map((result) => {
              index++;
              const at = index;
              return (
                <Box
                  key={result.id}
                  id={optionId(at)}
                  role="option"
                  aria-selected={at === current}
                  data-result-type={result.type}
                  px="sm"
                  py={6}
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setActive(at)}
                  onClick={() => go(result)}
                  style={{
                    cursor: "pointer",
                    background: at === current ? "var(--mantine-color-brand-0)" : undefined,
                    boxShadow: at === current ? "inset 4px 0 0 var(--mantine-color-brand-7)" : undefined,
                  }}
                >
                  <Text fz="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                    <Highlighted text={result.title} ranges={result.titleHighlights} />
                    {result.type !== "client" && (
                      <Text span fz="xs" fw={400} c="gray.7">
                        {" "}
                        · {result.clientName}
                      </Text>
                    )}
                  </Text>
                  {result.snippet && (
                    <Text fz="xs" c="gray.8" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
                      <Highlighted text={result.snippet} ranges={result.highlights} />
                    </Text>
                  )}
                </Box>
              );
            })}
          </div>
        ))}
      </Box>
    </Box>
  );
}
