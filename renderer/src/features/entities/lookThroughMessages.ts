// Strings of the entity page's look-through section.
export const lookThroughMessages = {
  en: {
    title: 'Look-through: who holds it, directly and through others',
    note: 'Effective interest multiplies the shares along each chain of holdings and adds the chains; control follows majority holdings and control links.',
    loading: 'Tracing the holdings…', none: 'No holder of this entity is recorded.',
    holder: 'Holder', effective: 'Effective interest', control: 'Control', chains: 'Chains',
    controls: 'controls', noControl: 'does not control', truncated: 'Too many chains: the list stops early, so effective interests may be understated.',
    chain: (pct: string) => `${pct} through`, controlPath: 'Control path', noStake: 'no holding chain', holderLabel: (name: string) => `Chains from ${name}`,
  },
  de: {
    title: 'Durchschau: wer hält es, direkt und über andere',
    note: 'Die effektive Beteiligung multipliziert die Anteile entlang jeder Beteiligungskette und addiert die Ketten; Beherrschung folgt Mehrheitsbeteiligungen und Kontrollbeziehungen.',
    loading: 'Beteiligungen werden verfolgt…', none: 'Für diese Einheit ist kein Anteilseigner erfasst.',
    holder: 'Anteilseigner', effective: 'Effektive Beteiligung', control: 'Beherrschung', chains: 'Ketten',
    controls: 'beherrscht', noControl: 'beherrscht nicht', truncated: 'Zu viele Ketten: die Liste endet vorzeitig, effektive Beteiligungen können zu niedrig sein.',
    chain: (pct: string) => `${pct} über`, controlPath: 'Kontrollpfad', noStake: 'keine Beteiligungskette', holderLabel: (name: string) => `Ketten von ${name}`,
  },
};
