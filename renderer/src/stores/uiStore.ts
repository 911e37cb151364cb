import { create } from 'zustand';

/** Every place in the workspace, in sidebar order. */
export const views = ['overview', 'ledger', 'entities', 'graph', 'flows', 'flags', 'documents', 'review', 'import', 'report', 'audit', 'settings'] as const;
export type View = (typeof views)[number];

/** What a view was opened on: an entity page, a flag's page, a document at an excerpt. */
export interface Focus {
  entityId?: number;
  flagId?: number;
  transferId?: number;
  documentId?: number;
  /** Character range in the document's text to highlight. */
  charStart?: number;
  charEnd?: number;
  locator?: string;
}

interface UiState {
  view: View;
  focus: Focus;
  /** The command palette (Ctrl/Cmd+K) is open. */
  paletteOpen: boolean;
  go(view: View, focus?: Focus): void;
  setPaletteOpen(open: boolean): void;
}

export const useUiStore = create<UiState>((set) => ({
  view: 'ledger',
  focus: {},
  paletteOpen: false,
  go: (view, focus = {}) => set({ view, focus }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
}));
