import { Link, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { COLORS, styles } from "./theme";

/** A section title; `id` makes it a target of the table of contents ("#id"). */
export function SectionHeading({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <View id={id} minPresenceAhead={60}>
      <Text style={styles.h1}>{children}</Text>
    </View>
  );
}

export function SubHeading({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <View id={id} minPresenceAhead={40}>
      <Text style={styles.h2}>{children}</Text>
    </View>
  );
}

export function MinorHeading({ children }: { children: ReactNode }) {
  return (
    <View minPresenceAhead={24}>
      <Text style={styles.h3}>{children}</Text>
    </View>
  );
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return <Text style={muted ? [styles.paragraph, styles.muted] : styles.paragraph}>{children}</Text>;
}

/** Label / value pairs in two columns, e.g. a summary. Values may be text or elements. */
export function KeyValues({ rows, labelWidth = 150 }: { rows: readonly (readonly [string, ReactNode])[]; labelWidth?: number }) {
  return (
    <View style={{ marginBottom: 8 }}>
      {rows.map(([label, value], index) => (
        <View key={`${label}-${index}`} style={{ flexDirection: "row", paddingVertical: 2.5, borderBottomWidth: 0.5, borderBottomColor: "#e2e8f0" }} wrap={false}>
          <Text style={{ width: labelWidth, color: COLORS.muted }}>{label}</Text>
          <View style={{ flex: 1 }}>{typeof value === "string" || typeof value === "number" ? <Text>{value}</Text> : value}</View>
        </View>
      ))}
    </View>
  );
}

type Tone = "info" | "good" | "warn" | "bad";
const TONES: Record<Tone, { border: string; background: string }> = {
  info: { border: COLORS.brand, background: COLORS.brandLight },
  good: { border: COLORS.ready, background: "#f0fdf4" },
  warn: { border: COLORS.conditions, background: "#fefce8" },
  bad: { border: COLORS.notReady, background: "#fef2f2" },
};

/** A highlighted box with a bold title (a decision, a warning); the title carries the meaning, not the colour. */
export function Callout({ title, tone = "info", children }: { title: string; tone?: Tone; children?: ReactNode }) {
  const colors = TONES[tone];
  return (
    <View style={{ borderLeftWidth: 3, borderLeftColor: colors.border, backgroundColor: colors.background, padding: 8, marginBottom: 10 }} wrap={false}>
      <Text style={{ fontWeight: "bold", marginBottom: children ? 3 : 0 }}>{title}</Text>
      {children}
    </View>
  );
}

/** An external link (e.g. the fix script URL), shown as its text. */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link src={href} style={styles.link}>
      {children}
    </Link>
  );
}

/** A bulleted list of short lines. */
export function BulletList({ items }: { items: readonly ReactNode[] }) {
  return (
    <View style={{ marginBottom: 6 }}>
      {items.map((item, index) => (
        <View key={index} style={{ flexDirection: "row", marginBottom: 2 }} wrap={false}>
          <Text style={{ width: 12, color: COLORS.muted }}>•</Text>
          <View style={{ flex: 1 }}>{typeof item === "string" ? <Text>{item}</Text> : item}</View>
        </View>
      ))}
    </View>
  );
}
