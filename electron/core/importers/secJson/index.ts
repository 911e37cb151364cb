export { parseSecJson, normalizeCik, type SecJsonFormat } from './parseSecJson';
export { isRelatedPartyConcept, directionOf, figureOf } from './concepts';
