import AdmZip from "adm-zip";
import { toCollectorOutput } from "@/lib/demo/exports";
import { fleetFor } from "./fleet-csv";

/**
 * A ZIP of one collector report per host, as the collector's "at scale" recipe leaves them
 * (`reports/<COMPUTERNAME>.cloudsync-readiness.json`, indented JSON as ConvertTo-Json writes it, CRLF, UTF-8 without
 * BOM; `Compress-Archive .\reports fleet.zip`), from the demo fleet generator: the tag's own servers, in its domains.
 */
export function zipFor(servers: number, seed: string, tag: string): Buffer {
  const fleet = fleetFor(servers, seed, tag);
  const zip = new AdmZip();
  const used = new Set<string>();
  for (const host of fleet.hosts) {
    const short = host.identity?.netbiosName ?? host.identity?.fqdn ?? "HOST";
    const name = used.has(short) ? (host.identity?.fqdn ?? `${short}-${used.size}`) : short;
    used.add(name);
    const json = JSON.stringify(toCollectorOutput(host), null, 2).replace(/\n/g, "\r\n");
    zip.addFile(`reports/${name}.cloudsync-readiness.json`, Buffer.from(json, "utf8"));
  }
  return zip.toBuffer();
}
