import type { FormatParser } from "../types";
import collectorJson from "./collector-json";
import computerInfoJson from "./computerinfo-json";
import computerInfoList from "./computerinfo-list";
import domainJson from "./domain-json";
import dsaclsText from "./dsacls-text";
import getAclCsv from "./getacl-csv";
import getAclJson from "./getacl-json";
import getAclTable from "./getacl-table";
import graphJson from "./graph-json";
import inventoryCsv from "./inventory-csv";
import scopePlan from "./scope-plan";
import sddlText from "./sddl-text";
import systeminfoCsv from "./systeminfo-csv";

/** Every format the ingest pipeline knows, in a fixed order (ties in detection are reported, never broken by order). */
export const FORMAT_PARSERS: readonly FormatParser[] = [
  collectorJson,
  inventoryCsv,
  systeminfoCsv,
  computerInfoJson,
  computerInfoList,
  getAclCsv,
  getAclJson,
  getAclTable,
  dsaclsText,
  sddlText,
  domainJson,
  graphJson,
  scopePlan,
];

export function formatById(id: string, parsers: readonly FormatParser[] = FORMAT_PARSERS): FormatParser | undefined {
  return parsers.find((parser) => parser.id === id);
}
