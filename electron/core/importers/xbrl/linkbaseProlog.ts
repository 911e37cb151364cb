// A companion linkbase file decoded like the instance, with any DOCTYPE blanked out.
const blank = (s: string) => s.replace(/[^\n]/g, ' ');

export function readLinkbaseText(content: Buffer | string): string {
  let text = typeof content === 'string' ? content : content.toString('utf8');
  // Blank every DOCTYPE (with its internal subset); a linkbase has no use for one.
  text = text.replace(/<!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>/gi, blank);
  return text;
}
