// First thing the app does, before the rest of its script is evaluated: ask for the ledger grid's
// first page (the view it opens on), so core answers while the app starts (api/earlyCalls.ts).
// Imported first by main.tsx; it needs nothing but the transport and the grid's request shape.
import { sendEarly } from './api/earlyCalls';
import { gridPageInput, initialGridQuery } from './features/ledger/gridRequest';

sendEarly('transfers:page', gridPageInput(initialGridQuery));
