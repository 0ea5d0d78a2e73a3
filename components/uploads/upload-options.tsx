"use client";

import type { ReactNode } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { KIND_LABELS, UPLOAD_KINDS } from "./labels";
import type { FormatOption } from "./types";
import type { UploadOptions } from "./upload-fields";

type OnChange = (patch: Partial<UploadOptions>) => void;

/** The gMSA account and target DN of an ACL export that does not name them. */
export function AclFields({
  idPrefix,
  options,
  onChange,
  required,
  accountHint,
}: {
  idPrefix: string;
  options: UploadOptions;
  onChange: OnChange;
  required?: { account: boolean; target: boolean };
  /** Replaces the account's hint (e.g. "pre-filled from the file"). */
  accountHint?: ReactNode;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField
        id={`${idPrefix}-account`}
        name="account"
        label={required?.account ? "gMSA account (required)" : "gMSA account"}
        value={options.account}
        onChange={(event) => onChange({ account: event.target.value })}
        placeholder="CORP\provAgentgMSA$"
        autoComplete="off"
        spellCheck={false}
        hint={accountHint ?? "The account the permissions are checked for, when the file does not name it."}
      />
      <TextField
        id={`${idPrefix}-target`}
        name="target"
        label={required?.target ? "Target DN (required)" : "Target DN"}
        value={options.target}
        onChange={(event) => onChange({ target: event.target.value })}
        placeholder="DC=corp,DC=contoso,DC=com"
        autoComplete="off"
        spellCheck={false}
        hint="The object whose ACL was exported, when the file does not name it."
      />
    </div>
  );
}

/** Overrides for when detection is wrong or ambiguous, plus the default DNS domain. */
export function UploadOptionsFields({
  idPrefix,
  options,
  formats,
  onChange,
  withAcl,
  withSheet = false,
}: {
  idPrefix: string;
  options: UploadOptions;
  formats: readonly FormatOption[];
  onChange: OnChange;
  withAcl: boolean;
  /** An Excel workbook: offer the sheet to read. */
  withSheet?: boolean;
}) {
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField id={`${idPrefix}-kind`} name="kind" label="Expected kind" value={options.kind} onChange={(event) => onChange({ kind: event.target.value })}>
          <option value="">Any kind</option>
          {UPLOAD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </SelectField>
        <SelectField id={`${idPrefix}-format`} name="format" label="Format" value={options.format} onChange={(event) => onChange({ format: event.target.value })}>
          <option value="">Detect automatically</option>
          {UPLOAD_KINDS.map((kind) => (
            <optgroup key={kind} label={KIND_LABELS[kind]}>
              {formats
                .filter((format) => format.kind === kind)
                .map((format) => (
                  <option key={format.id} value={format.id}>
                    {format.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <TextField
          id={`${idPrefix}-domain`}
          name="defaultDomain"
          label="Default DNS domain"
          value={options.defaultDomain}
          onChange={(event) => onChange({ defaultDomain: event.target.value })}
          placeholder="corp.contoso.com"
          autoComplete="off"
          spellCheck={false}
          hint="Qualifies short host names."
        />
      </div>
      {withSheet && (
        <TextField
          id={`${idPrefix}-sheet`}
          name="sheet"
          label="Sheet"
          value={options.sheet}
          onChange={(event) => onChange({ sheet: event.target.value })}
          placeholder="Servers, or 2"
          autoComplete="off"
          spellCheck={false}
          hint="The worksheet to read, by name or position (1 = the first tab). Empty: the first visible sheet."
        />
      )}
      {withAcl && <AclFields idPrefix={idPrefix} options={options} onChange={onChange} />}
    </div>
  );
}
