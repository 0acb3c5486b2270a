import { useSyncExternalStore } from "react";
import type { Commitment } from "../../../../src/modules/commitments/commitments.schemas.ts";

/**
 * The promise just marked done, for the few seconds its undo is offered. It
 * lives outside any page: on My day the row of a done promise disappears at
 * once, but its undo must stay. One at a time: a newer one replaces it.
 */
export type DoneOffer = { commitment: Commitment; key: number };

let current: DoneOffer | null = null;
let counter = 0;
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};

export function offerUndo(commitment: Commitment) {
  counter += 1;
  current = { commitment, key: counter };
  emit();
}

export function withdrawUndo(key: number) {
  if (current?.key !== key) return;
  current = null;
  emit();
}

export function useDoneOffer(): DoneOffer | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
