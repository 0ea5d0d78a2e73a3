import { Rect, Svg, Text, View } from "@react-pdf/renderer";
import { VERDICT_LABELS, VERDICTS, type Verdict } from "@/lib/readiness";
import { COLORS, CONTENT_WIDTH } from "./theme";
import { formatCount } from "./text";
import { VERDICT_COLORS } from "./verdict";
import { plural } from "@/lib/text/plural";

/**
 * Servers per readiness as horizontal bars (best first), each with its label, count and share, so it reads
 * without colour. Drawn with react-pdf's SVG primitives.
 */
export function VerdictBarChart({ counts, width = CONTENT_WIDTH }: { counts: Readonly<Record<Verdict, number>>; width?: number }) {
  const total = VERDICTS.reduce((sum, verdict) => sum + counts[verdict], 0);
  const max = Math.max(1, ...VERDICTS.map((verdict) => counts[verdict]));
  const labelWidth = 130;
  const valueWidth = 90;
  const barWidth = width - labelWidth - valueWidth;
  return (
    <View style={{ marginVertical: 6 }} wrap={false}>
      {VERDICTS.map((verdict) => {
        const count = counts[verdict];
        const share = total === 0 ? 0 : Math.round((count / total) * 1000) / 10;
        const length = count === 0 ? 0 : Math.max(2, (count / max) * barWidth);
        return (
          <View key={verdict} style={{ flexDirection: "row", alignItems: "center", height: 20 }}>
            <Text style={{ width: labelWidth, fontSize: 9.5 }}>{VERDICT_LABELS[verdict]}</Text>
            <Svg width={barWidth} height={12}>
              <Rect x={0} y={0} width={barWidth} height={12} fill="#f1f5f9" />
              <Rect x={0} y={0} width={length} height={12} fill={VERDICT_COLORS[verdict]} />
            </Svg>
            <Text style={{ width: valueWidth, textAlign: "right", fontSize: 9.5 }}>
              {formatCount(count)} ({share}%)
            </Text>
          </View>
        );
      })}
      <Text style={{ fontSize: 8.5, color: COLORS.muted, marginTop: 2 }}>{plural(total, "server")} in total</Text>
    </View>
  );
}
