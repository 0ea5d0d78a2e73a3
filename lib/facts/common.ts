import { z } from "zod";

/**
 * Conventions shared by every facts schema:
 * - every field is optional: `undefined` means "not collected", never "false";
 * - `null` on a registry value means "collected, and the value/key is absent" (e.g. Get-ADSyncToolsTls12RegValue's "Not Found");
 * - GUIDs are lower-case, without braces; host and domain names are lower-case.
 */

/** A DWORD read from the registry: the number, or null when the value/key does not exist. */
export const registryDword = z.number().int().nullable();
export type RegistryDword = z.infer<typeof registryDword>;

export const isoDateTime = z.string().datetime({ offset: true });

export const cloudSchema = z.enum(["public", "usgov"]);
export type Cloud = z.infer<typeof cloudSchema>;

export const guidSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "expected a lower-case GUID");

export const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";
