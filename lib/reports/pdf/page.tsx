import { Page, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { pageNumbers } from "./page-numbers";
import type { ReportMeta } from "./meta";
import { PAGE, styles } from "./theme";
import { formatDay, truncate } from "./text";

/** The running header (product, report title, scope) and footer (generated, "n / N") of every page but the cover. */
function Frame({ meta }: { meta: ReportMeta }) {
  return (
    <>
      <View style={styles.header} fixed>
        <Text>Cloud Sync Readiness · {meta.title}</Text>
        <Text>{truncate(meta.scope, 60)}</Text>
      </View>
      <View style={styles.footer} fixed>
        <Text>
          Generated {formatDay(meta.generatedAt)} by {truncate(meta.generatedBy, 50)}
        </Text>
        <Text style={{ width: 80, textAlign: "right" }} render={pageNumbers} />
      </View>
    </>
  );
}

/**
 * A report page. `flow` (the default) lets content of unknown height wrap onto further pages (prose sections);
 * `flow={false}` is one fixed page (pre-chunked table pages, decision 003).
 */
export function ReportPage({ meta, children, flow = true }: { meta: ReportMeta; children: ReactNode; flow?: boolean }) {
  return (
    <Page size="A4" style={flow ? styles.page : [styles.page, { height: PAGE.height, minHeight: PAGE.height, flexShrink: 0 }]} wrap={flow}>
      <Frame meta={meta} />
      {children}
    </Page>
  );
}
