import path from "node:path";
import { Font } from "@react-pdf/renderer";

// The report fonts are bundled with the app (npm package dejavu-fonts-ttf: full TTF files covering Latin,
// Greek and Cyrillic), resolved from the project's node_modules at run time: no network, the same glyphs on
// every machine, and non-ASCII server names render. "Sans" is the body face, "SansCondensed" the table face.

export const FONT_BODY = "Sans";
export const FONT_TABLE = "SansCondensed";

let registered = false;

function fontFile(name: string): string {
  const root = process.env.REPORT_FONT_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  return path.join(/* turbopackIgnore: true */ root, name);
}

/** Registers the bundled fonts once per process (idempotent). */
export function registerReportFonts(): void {
  if (registered) return;
  Font.register({
    family: FONT_BODY,
    fonts: [
      { src: fontFile("DejaVuSans.ttf"), fontWeight: "normal" },
      { src: fontFile("DejaVuSans-Bold.ttf"), fontWeight: "bold" },
      { src: fontFile("DejaVuSans-Oblique.ttf"), fontWeight: "normal", fontStyle: "italic" },
    ],
  });
  Font.register({
    family: FONT_TABLE,
    fonts: [
      { src: fontFile("DejaVuSansCondensed.ttf"), fontWeight: "normal" },
      { src: fontFile("DejaVuSansCondensed-Bold.ttf"), fontWeight: "bold" },
    ],
  });
  // Never hyphenate: server names, rule ids and paths must stay whole and searchable.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
