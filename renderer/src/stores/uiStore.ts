import { create } from 'zustand';

export const views = ['ledger', 'flags', 'review', 'import', 'audit', 'report'] as const;
export type View = (typeof views)[number];

interface UiState {
  view: View;
  go(view: View): void;
}

export const useUiStore = create<UiState>((set) => ({ view: 'ledger', go: (view) => set({ view }) }));
