// The document list and the open document: a window of its text around the highlighted fact.
import { create } from 'zustand';
import type { Output } from '../../../shared/contract';
import type { DocumentTarget } from '../../../shared/viewSchemas';
import { call, errorText } from '../api/client';

type ListRow = Output<'documents:list'>['rows'][number];
type Doc = Output<'document:get'>;

interface DocumentsState {
  search: string;
  rows: ListRow[];
  next: number | null;
  listLoading: boolean;
  listError: string | null;
  openId: number | null;
  target: DocumentTarget | null;
  doc: Doc | null;
  docLoading: boolean;
  docError: string | null;
  loadList(search?: string): Promise<void>;
  loadMore(): Promise<void>;
  open(id: number | null, target?: DocumentTarget | null): Promise<void>;
  /** Show another window of the open document's text (no highlight). */
  page(offset: number): Promise<void>;
}

export const WINDOW_CHARS = 20_000;

export const useDocumentsStore = create<DocumentsState>((set, get) => ({
  search: '', rows: [], next: null, listLoading: false, listError: null,
  openId: null, target: null, doc: null, docLoading: false, docError: null,
  async loadList(search = get().search) {
    set({ search, listLoading: true });
    try {
      const r = await call('documents:list', { search, limit: 100, afterId: null });
      if (get().search === search) set({ rows: r.rows, next: r.next, listLoading: false, listError: null });
    } catch (err) {
      set({ listLoading: false, listError: errorText(err).message });
    }
  },
  async loadMore() {
    const { search, next } = get();
    if (next === null) return;
    set({ listLoading: true });
    try {
      const r = await call('documents:list', { search, limit: 100, afterId: next });
      set((s) => ({ rows: [...s.rows, ...r.rows], next: r.next, listLoading: false }));
    } catch (err) {
      set({ listLoading: false, listError: errorText(err).message });
    }
  },
  async open(id, target = null) {
    set({ openId: id, target, docLoading: id !== null, docError: null, ...(id !== get().openId ? { doc: null } : {}) });
    if (id === null) return;
    try {
      const doc = await call('document:get', { id, target: target ?? undefined, windowChars: WINDOW_CHARS });
      if (get().openId === id && get().target === target) set({ doc, docLoading: false });
    } catch (err) {
      set({ docLoading: false, docError: errorText(err).message });
    }
  },
  async page(offset) {
    const id = get().openId;
    if (id === null) return;
    const target = get().target;
    set({ docLoading: true });
    try {
      const doc = await call('document:get', { id, offset, windowChars: WINDOW_CHARS });
      // Paging keeps the highlight if it falls in the new window.
      const keep = get().doc?.highlight ?? null;
      if (get().openId === id && get().target === target) set({ doc: { ...doc, highlight: keep, excerpt: get().doc?.excerpt ?? null }, docLoading: false });
    } catch (err) {
      set({ docLoading: false, docError: errorText(err).message });
    }
  },
}));
