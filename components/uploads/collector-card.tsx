import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Where the collector comes from and how to run it (docs/collector.md). */
export function CollectorCard() {
  return (
    <Card title="Collect with the read-only script" id="collector">
      <div className="space-y-3 text-sm">
        <p className="text-slate-600 dark:text-slate-400">
          <code>Get-CloudSyncReadiness.ps1</code> reads, on one server, every fact the rules need and writes one JSON file. It changes nothing on the
          machine or in the directory. Windows PowerShell 5.1 or later; nothing to install.
        </p>
        <a href="/collector" download="Get-CloudSyncReadiness.ps1" className={buttonClass("secondary")}>
          Download the collector (.ps1)
        </a>
        <p className="font-medium">Run it on each candidate server, then upload the file it writes:</p>
        <pre className="whitespace-pre-wrap rounded-md [overflow-wrap:anywhere] bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100 dark:bg-slate-950">
          <code>
            {"powershell.exe -ExecutionPolicy Bypass -File .\\Get-CloudSyncReadiness.ps1 -Cloud Public\n"}
            {"# writes .\\<COMPUTERNAME>.cloudsync-readiness.json"}
          </code>
        </pre>
        <p className="text-slate-600 dark:text-slate-400">
          <code>-ExecutionPolicy Bypass</code> applies to that one process only. Add <code>-IncludeDomain</code> once per domain, on a domain controller or
          an admin workstation with RSAT, to collect the Active Directory facts.
        </p>
      </div>
    </Card>
  );
}
