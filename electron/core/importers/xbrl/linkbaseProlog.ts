// A companion linkbase file decoded like the instance, with any DOCTYPE blanked out (never interpreted).
import { blankDoctypes } from './prolog';

export function readLinkbaseText(content: Buffer | string): string {
  let text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return blankDoctypes(text);
}
