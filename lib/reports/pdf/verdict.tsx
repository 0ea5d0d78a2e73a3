import { Text, View } from "@react-pdf/renderer";
import { VERDICT_LABELS, VERDICTS, type Verdict } from "@/lib/readiness";
import { COLORS } from "./theme";

export const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  ready: COLORS.ready,
  "ready-with-conditions": COLORS.conditions,
  unknown: COLORS.unknown,
  "not-ready": COLORS.notReady,
};

export function isVerdict(value: string): value is Verdict {
  return (VERDICTS as readonly string[]).includes(value);
}

/** A verdict as a coloured square and its label: readable in black and white. */
export function VerdictMark({ verdict, size = 10 }: { verdict: string; size?: number }) {
  const color = isVerdict(verdict) ? VERDICT_COLORS[verdict] : COLORS.muted;
  const label = isVerdict(verdict) ? VERDICT_LABELS[verdict] : verdict;
  return (
    <View style={{ flexDirection: "row", alignItems: "center" }}>
      <View style={{ width: size * 0.7, height: size * 0.7, backgroundColor: color, marginRight: size * 0.4, marginTop: size * 0.15 }} />
      <Text style={{ color, fontWeight: "bold", fontSize: size }}>{label}</Text>
    </View>
  );
}
