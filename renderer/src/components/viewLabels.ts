// The names of the workspace's places, for the sidebar and the command palette.
import type { View } from '../stores/uiStore';

export const viewLabels: Record<'en' | 'de', Record<View, string>> = {
  en: {
    overview: 'Overview', ledger: 'Ledger', entities: 'Entities', graph: 'Graph', flows: 'Flows', flags: 'Flags',
    documents: 'Documents', review: 'Review queue', import: 'Import', report: 'Reports', audit: 'Audit log', settings: 'Settings',
  },
  de: {
    overview: 'Übersicht', ledger: 'Register', entities: 'Beteiligte', graph: 'Graph', flows: 'Flüsse', flags: 'Hinweise',
    documents: 'Dokumente', review: 'Prüfliste', import: 'Import', report: 'Berichte', audit: 'Prüfprotokoll', settings: 'Einstellungen',
  },
};
