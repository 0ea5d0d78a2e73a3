import Link from "next/link";
import type { ReactNode } from "react";
import { LINK } from "@/components/rules/labels";

/** A short "what is missing and which upload fills it" note, with a link to the uploads page. */
export function UploadHint({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-slate-300 px-4 py-3 text-sm dark:border-slate-700">
      <p className="font-medium">{title}</p>
      <div className="mt-1 text-slate-600 dark:text-slate-400">{children}</div>
      <p className="mt-2">
        <Link href="/uploads" className={LINK}>
          Go to Uploads
        </Link>
      </p>
    </div>
  );
}

export function DomainFactsHint({ title = "No domain facts uploaded for this domain" }: { title?: string }) {
  return (
    <UploadHint title={title}>
      Run the collector with <code>-IncludeDomain</code> once in the domain (on a domain controller or an admin workstation with RSAT), or upload
      a domain JSON export (<code>Get-ADDomain</code>, <code>Get-ADDomainController</code>, <code>Get-KdsRootKey</code>, the schema&apos;s{" "}
      <code>objectVersion</code>). The domain rules stay unknown until then.
    </UploadHint>
  );
}

export function AclHint({ dn, title = "No gMSA ACL export uploaded for this domain" }: { dn: string | null; title?: string }) {
  const target = dn ?? "DC=corp,DC=contoso,DC=com";
  return (
    <UploadHint title={title}>
      Export the domain root&apos;s ACL and upload it (name the gMSA in the upload options when the file does not):{" "}
      <code className="[overflow-wrap:anywhere]">{`Get-Acl 'AD:\\${target}' | Select-Object -ExpandProperty Access | Export-Csv acl.csv -NoTypeInformation`}</code>{" "}
      or <code className="[overflow-wrap:anywhere]">{`dsacls "${target}" > acl.txt`}</code>. The gMSA permission rules stay unknown until then.
    </UploadHint>
  );
}
