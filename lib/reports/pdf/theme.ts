import { StyleSheet } from "@react-pdf/renderer";
import { FONT_BODY, FONT_TABLE } from "./fonts";

/** The app's palette (app/globals.css): brand blue, verdict colours, slate greys. */
export const COLORS = {
  brand: "#1f5bc4",
  brandDark: "#1b4a9e",
  brandLight: "#eef6ff",
  text: "#0f172a",
  muted: "#475569",
  faint: "#94a3b8",
  rule: "#cbd5e1",
  zebra: "#f8fafc",
  ready: "#15803d",
  conditions: "#a16207",
  notReady: "#b91c1c",
  unknown: "#475569",
} as const;

/** A4 in points and the page frame every report page shares. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  marginX: 50,
  marginTop: 64,
  marginBottom: 58,
} as const;

export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.marginX;
export const CONTENT_HEIGHT = PAGE.height - PAGE.marginTop - PAGE.marginBottom;

export const styles = StyleSheet.create({
  page: {
    fontFamily: FONT_BODY,
    fontSize: 10,
    lineHeight: 1.4,
    color: COLORS.text,
    paddingTop: PAGE.marginTop,
    paddingBottom: PAGE.marginBottom,
    paddingHorizontal: PAGE.marginX,
  },
  header: {
    position: "absolute",
    top: 26,
    left: PAGE.marginX,
    right: PAGE.marginX,
    flexDirection: "row",
    justifyContent: "space-between",
    borderBottomWidth: 0.5,
    borderBottomColor: COLORS.rule,
    paddingBottom: 4,
    fontSize: 8,
    lineHeight: 1.3,
    color: COLORS.muted,
  },
  footer: {
    // Placed from the top: react-pdf resolves "bottom" against the content height on fixed-height pages.
    position: "absolute",
    top: PAGE.height - 36,
    left: PAGE.marginX,
    right: PAGE.marginX,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 8,
    lineHeight: 1.3,
    color: COLORS.muted,
  },
  h1: { fontSize: 16, lineHeight: 1.3, fontWeight: "bold", color: COLORS.brandDark, marginBottom: 8 },
  h2: { fontSize: 12, lineHeight: 1.3, fontWeight: "bold", color: COLORS.text, marginTop: 10, marginBottom: 5 },
  h3: { fontSize: 10, lineHeight: 1.3, fontWeight: "bold", color: COLORS.text, marginTop: 6, marginBottom: 3 },
  paragraph: { marginBottom: 6 },
  muted: { color: COLORS.muted },
  small: { fontSize: 8.5, lineHeight: 1.35, color: COLORS.muted },
  tableText: { fontFamily: FONT_TABLE, fontSize: 8.5, lineHeight: 1.25 },
  link: { color: COLORS.brand, textDecoration: "none" },
});
