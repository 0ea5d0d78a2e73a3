/** Registry locations of the TLS settings the cloud sync and Entra Connect TLS documents list. */
export const SCHANNEL_TLS12 = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2";
export const DOTNET64_KEY = "HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319";
export const DOTNET32_KEY = "HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319";

export const RESTART_REMINDER = "Restart the server for the TLS registry changes to take effect.";

/**
 * State of one registry value against what the documents ask for:
 * - ok: set as required;
 * - wrong: explicitly set to a value that defeats the requirement;
 * - absent: collected, and the value/key does not exist (null);
 * - not-collected: undefined.
 */
export type ValueState = "ok" | "wrong" | "absent" | "not-collected";

export function stateOf(value: number | null | undefined, isOk: (value: number) => boolean): ValueState {
  if (value === undefined) return "not-collected";
  if (value === null) return "absent";
  return isOk(value) ? "ok" : "wrong";
}
