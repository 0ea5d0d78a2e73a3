import { prop, readBoolean, readString } from "@/lib/rules/domain/read";

/** Domain suffixes Microsoft hands out (initial and mail routing domains); never a custom domain. */
const MICROSOFT_SUFFIXES = [".onmicrosoft.com", ".onmicrosoft.us"];

export interface TenantDomainView {
  index: number;
  id: string;
  /** A domain the organisation added (not the initial domain, not a Microsoft-provided suffix). */
  custom: boolean;
  verified?: boolean;
}

export function readTenantDomain(entry: unknown, index: number): TenantDomainView {
  const id = (readString(prop(entry, "id")) ?? "").trim().toLowerCase();
  const initial = readBoolean(prop(entry, "isInitial")) === true;
  const microsoft = id === "" || MICROSOFT_SUFFIXES.some((suffix) => id.endsWith(suffix));
  return { index, id: id || `#${index}`, custom: !initial && !microsoft, verified: readBoolean(prop(entry, "isVerified")) };
}
