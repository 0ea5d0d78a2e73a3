/**
 * toUpperCase / toLowerCase that hand back the string itself when it is already in that case. The engine
 * upper- and lower-cases the same names for every server (NetBIOS names, domains, SIDs), which are nearly
 * always written in the target case already; String.prototype.toUpperCase would copy them each time.
 * Only printable ASCII is checked by hand; anything else goes to the built-in, so results are identical.
 */
export function toUpper(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || (code >= 97 && code <= 122)) return text.toUpperCase();
  }
  return text;
}

export function toLower(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || (code >= 65 && code <= 90)) return text.toLowerCase();
  }
  return text;
}
