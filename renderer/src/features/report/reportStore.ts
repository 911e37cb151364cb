// The report page's state: the scope being edited, the preview HTML, and the outputs (PDF,
// print, CSV/XLSX/JSON), all through the report channels.
import { create } from 'zustand';
import { call, errorText, transportKind } from '../../api/client';
import type { ReportScopeInput, ReportTable } from '../../../../shared/reportScope';

export interface PickedEntity { id: number; name: string }

export interface ScopeForm {
  entities: PickedEntity[];
  includeGroup: boolean;
  from: string;
  to: string;
  regimes: NonNullable<ReportScopeInput['regimes']>;
  flags: 'all' | 'confirmed';
  currency: string;
  language: 'en' | 'de';
  title: string;
  author: string;
}

export function scopeInput(f: ScopeForm): ReportScopeInput {
  return {
    entityIds: f.entities.map((e) => e.id), includeGroup: f.includeGroup, from: f.from || null, to: f.to || null,
    regimes: f.regimes, flags: f.flags, currency: f.currency.trim().toUpperCase() || null, language: f.language,
    title: f.title.trim() || null, author: f.author.trim() || null,
  };
}

interface ReportState {
  form: ScopeForm;
  html: string | null;
  info: { flags: number; transfers: number; stateHash: string } | null;
  loading: boolean;
  busy: 'pdf' | 'print' | 'export' | null;
  status: string | null;
  error: string | null;
  edit(patch: Partial<ScopeForm>): void;
  preview(): Promise<void>;
  savePdf(saved: (file: string, pages: number | null) => string): Promise<void>;
  printSystem(): Promise<'done' | 'frame'>;
  exportData(format: 'csv' | 'xlsx' | 'json', table: ReportTable | undefined, saved: (file: string) => string): Promise<void>;
}

function download(fileName: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const initialForm = (language: 'en' | 'de'): ScopeForm => ({
  entities: [], includeGroup: false, from: '', to: '', regimes: [], flags: 'all', currency: '', language, title: '', author: '',
});

let previewSeq = 0;

export const useReportStore = create<ReportState>((set, get) => ({
  form: initialForm(typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('de') ? 'de' : 'en'),
  html: null,
  info: null,
  loading: false,
  busy: null,
  status: null,
  error: null,
  edit: (patch) => set((s) => ({ form: { ...s.form, ...patch }, status: null })),
  preview: async () => {
    const seq = ++previewSeq;
    set({ loading: true, error: null });
    try {
      const r = await call('report:html', { scope: scopeInput(get().form) });
      if (seq === previewSeq) set({ html: r.html, info: { flags: r.flags, transfers: r.transfers, stateHash: r.stateHash }, loading: false });
    } catch (err) {
      if (seq === previewSeq) set({ error: errorText(err).message, loading: false });
    }
  },
  savePdf: async (saved) => {
    set({ busy: 'pdf', error: null, status: null });
    try {
      const r = await call('report:pdf', { scope: scopeInput(get().form) });
      download(r.fileName, r.pdfBase64, 'application/pdf');
      set({ status: saved(r.fileName, r.pages) });
    } catch (err) {
      set({ error: errorText(err).message });
    } finally {
      set({ busy: null });
    }
  },
  /** Electron: the main process opens the system dialog. Browser mode: the caller prints the preview frame. */
  printSystem: async () => {
    if (transportKind() !== 'electron') return 'frame';
    set({ busy: 'print', error: null, status: null });
    try {
      await call('report:print', { scope: scopeInput(get().form) });
    } catch (err) {
      set({ error: errorText(err).message });
    } finally {
      set({ busy: null });
    }
    return 'done';
  },
  exportData: async (format, table, saved) => {
    set({ busy: 'export', error: null, status: null });
    try {
      const r = await call('report:export', { scope: scopeInput(get().form), format, table });
      download(r.fileName, r.contentBase64, r.mimeType);
      set({ status: saved(r.fileName) });
    } catch (err) {
      set({ error: errorText(err).message });
    } finally {
      set({ busy: null });
    }
  },
}));
