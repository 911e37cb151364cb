export { parseXbrl, normalizeCik, type XbrlFormat } from './parseXbrl';
