// GSM 03.38 basic character set and its extension table (extension characters take two septets).
// The same tables as `toSmsParts` in src/fixtures/messages/pricing.ts; a test keeps the two in step.
const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtension = '^{}\\[~]|€\f';

/** How a text is encoded on the SMS network: GSM-7 (`text`) or UCS-2 (`unicode`). */
export type SmsEncoding = 'text' | 'unicode';

/** The encoding a text needs: GSM-7 when every character is in the GSM 03.38 tables. */
export function toSmsEncoding(text: string): SmsEncoding {
  for (const char of text) {
    if (!gsmBasic.includes(char) && !gsmExtension.includes(char)) return 'unicode';
  }
  return 'text';
}

/**
 * Splits a text into the parts the network carries: GSM-7 160 septets alone or 153 per part of a
 * concatenated message; UCS-2 70 code units alone or 67 per part (7 octets of each part go to the
 * UDH). A GSM extension character (two septets) or a surrogate pair is never cut in half, so a part
 * may be one unit short, as phones split.
 */
export function splitSmsText(text: string): string[] {
  const encoding = toSmsEncoding(text);
  const single = encoding === 'text' ? 160 : 70;
  const perPart = encoding === 'text' ? 153 : 67;
  const units = (char: string) => (encoding === 'text' ? (gsmExtension.includes(char) ? 2 : 1) : char.length);
  const chars = [...text];
  const total = chars.reduce((sum, char) => sum + units(char), 0);
  if (total <= single) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of chars) {
    const size = units(char);
    if (used + size > perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += size;
  }
  parts.push(current);
  return parts;
}
