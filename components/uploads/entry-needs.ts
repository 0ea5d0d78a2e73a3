import type { UploadRefused } from "./upload-response";

/**
 * What a refused dry run asks the user for, read from the API's answer. The API names the missing
 * gMSA account or target DN in its messages (lib/ingest/acl/assemble.ts); it does not (yet) return a
 * machine-readable reason, so the messages are matched here, and the inputs stay available under
 * "Options" whatever this finds. Pure.
 */
export interface EntryNeeds {
  account: boolean;
  target: boolean;
  mapping: boolean;
}

const ACCOUNT = /which gMSA|the account name is/i;
const TARGET = /target distinguished name|not a distinguished name|does not name the object/i;
/** Codes after which a different column mapping may help a CSV file. */
const MAPPABLE = new Set(["bad-input", "empty"]);

export function entryNeeds(error: UploadRefused | null, isCsv: boolean): EntryNeeds {
  if (error === null) return { account: false, target: false, mapping: false };
  const texts = [error.message, ...error.issues.filter((issue) => issue.row === undefined).map((issue) => issue.message)];
  const account = texts.some((text) => ACCOUNT.test(text));
  const target = texts.some((text) => TARGET.test(text));
  const aclKind = error.kind === "gmsa-acl" || account || target;
  const mapping = isCsv && !aclKind && MAPPABLE.has(error.code) && (error.kind === undefined || error.kind === "host-inventory");
  return { account, target, mapping };
}
