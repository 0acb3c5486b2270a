import { Box, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, type Ref, useEffect, useId, useState } from "react";
import { clientMatchesOnItsOwn } from "../../../../src/core/contact-match.ts";
import { searchTerms } from "../../../../src/core/search-text.ts";
import type { ClientList } from "../../../../src/modules/clients/clients.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";

/** Who is calling: a known client, one of its contacts, or someone new (with what was typed as a start). */
export type Caller =
  | {
      kind: "known";
      clientId: string;
      clientName: string;
      contactId?: string;
      name: string;
      phone: string | null;
      email: string | null;
    }
  | { kind: "new"; name: string; phone: string; email: string };

type Option = { key: string; caller: Caller; title: string; detail: string };

const RESULTS = 8;
/** What was typed, as the start of a new caller: an e-mail address, a phone number or a name. */
function newCallerFrom(typed: string): Caller {
  const text = typed.trim();
  if (text.includes("@")) return { kind: "new", name: "", phone: "", email: text };
  if (/^\+?[0-9 ()./-]+$/.test(text) && /[0-9]{3}/.test(text)) return { kind: "new", name: "", phone: text, email: "" };
  return { kind: "new", name: text, phone: "", email: "" };
}

/**
 * The caller search: a combobox whose list stays in view. Typing searches
 * clients and their contacts (name, phone, e-mail); ↑ ↓ move, Enter picks.
 * A match on a contact shows that contact with its client (the client itself
 * only when it matches on its own).
 * "New caller" is always the last option.
 */
export function CallerSearch({
  onPick,
  error,
  inputRef,
}: {
  onPick: (caller: Caller) => void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(text.trim(), 200);
  const clients = useQuery({
    queryKey: ["clients", { q: debounced, caller: true }],
    queryFn: () => api<ClientList>("GET", `/api/v1/clients?${new URLSearchParams({ q: debounced, limit: String(RESULTS) })}`),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
  });
  const found = debounced ? (clients.data?.items ?? []) : [];

  const terms = searchTerms(debounced);
  const options: Option[] = [];
  for (const client of found) {
    // The server names the contacts the search matched on; the client itself shows when it matches on its own.
    const contacts = client.matchedContacts;
    const clientMatches = clientMatchesOnItsOwn(terms, client);
    if (clientMatches || contacts.length === 0) {
      options.push({
        key: client.id,
        caller: {
          kind: "known",
          clientId: client.id,
          clientName: client.name,
          name: client.name,
          phone: client.phone,
          email: client.email,
        },
        title: client.name,
        detail: [t(`clients.kind.${client.kind}`), client.phone, client.email].filter(Boolean).join(" · "),
      });
    }
    for (const contact of contacts) {
      options.push({
        key: `${client.id}:${contact.id}`,
        caller: {
          kind: "known",
          clientId: client.id,
          clientName: client.name,
          contactId: contact.id,
          name: contact.name,
          phone: contact.phone ?? client.phone,
          email: contact.email ?? client.email,
        },
        title: t("callbacks.search.contactOf", { name: contact.name, client: client.name }),
        detail: [contact.role, contact.phone, contact.email].filter(Boolean).join(" · "),
      });
    }
  }
  options.push({
    key: "new",
    caller: newCallerFrom(text),
    title: text.trim() ? t("callbacks.search.newNamed", { text: text.trim() }) : t("callbacks.search.new"),
    detail: t("callbacks.search.newHint"),
  });

  const optionKeys = options.map((o) => o.key).join("|");
  // New results: the first one is the one Enter picks.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the list itself changes
  useEffect(() => setActive(0), [optionKeys]);
  const current = Math.min(active, options.length - 1);
  const searching = text.trim() !== debounced || clients.isFetching;

  // Enter typed before the results for what was typed arrived: pick the first one once they are in.
  const [pickWhenReady, setPickWhenReady] = useState(false);
  const first = options[0];
  useEffect(() => {
    if (pickWhenReady && !searching && first) {
      setPickWhenReady(false);
      onPick(first.caller);
    }
  }, [pickWhenReady, searching, first, onPick]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setPickWhenReady(false);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (searching && current === 0) {
        setPickWhenReady(true);
        return;
      }
      const option = options[current];
      if (option) onPick(option.caller);
    }
  };

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div>
      <TextInput
        ref={inputRef}
        label={t("callbacks.search.label")}
        description={t("callbacks.search.hint")}
        placeholder={t("callbacks.search.placeholder")}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setPickWhenReady(false);
        }}
        onKeyDown={onKeyDown}
        error={error}
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={optionId(current)}
        autoComplete="off"
        size="md"
      />
      <Text className="visually-hidden" role="status">
        {searching ? t("app.loading") : t("callbacks.search.count", { count: options.length - 1 })}
      </Text>
      <Box
        component="ul"
        id={listId}
        role="listbox"
        aria-label={t("callbacks.search.results")}
        aria-busy={searching}
        m={0}
        mt={6}
        p={0}
        style={{ listStyle: "none", border: "1px solid var(--mantine-color-gray-3)", borderRadius: 6 }}
      >
        {options.map((option, i) => (
          <Box
            component="li"
            key={option.key}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className="caller-option"
            data-new={option.key === "new" || undefined}
            // Keep the focus in the search field: the pick happens on click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(option.caller)}
            onMouseEnter={() => setActive(i)}
            px="sm"
            py={6}
            style={{
              cursor: "pointer",
              borderTop: i === 0 ? undefined : "1px solid var(--mantine-color-gray-2)",
              background: i === current ? "var(--mantine-color-brand-0)" : undefined,
              boxShadow: i === current ? "inset 4px 0 0 var(--mantine-color-brand-7)" : undefined,
            }}
          >
            <Text fw={option.key === "new" ? 700 : 500} fz="sm">
              {option.title}
            </Text>
            {option.detail && (
              <Text fz="xs" c="gray.7">
                {option.detail}
              </Text>
            )}
          </Box>
        ))}
      </Box>
    </div>
  );
}
