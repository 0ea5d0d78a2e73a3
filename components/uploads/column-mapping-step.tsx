"use client";

import { IGNORE_COLUMN, INVENTORY_FIELDS, fieldForHeader, inventoryField } from "@/lib/ingest/formats/inventory-fields";
import type { SavedMapping } from "./types";
import { applySavedMapping, type UploadOptions } from "./upload-fields";

const SELECT = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";
const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";

function automaticLabel(header: string): string {
  const field = fieldForHeader(header);
  return field ? `Automatic: ${inventoryField(field).label}` : "Automatic: not recognised (unused)";
}

/** The field a column ends up in: the user's choice, else the built-in names. */
function effectiveField(header: string, mapping: Record<string, string>): string | undefined {
  const chosen = mapping[header];
  if (chosen === IGNORE_COLUMN) return undefined;
  return chosen || fieldForHeader(header);
}

/**
 * Inventory CSV column mapping: one select per header of the file (read in the browser) with the
 * canonical field ids, "ignore", or the automatic recognition; optionally saved under a name.
 */
export function ColumnMappingStep({
  idPrefix,
  fileName,
  headers,
  samples,
  options,
  savedMappings,
  onChange,
}: {
  idPrefix: string;
  fileName: string;
  headers: readonly string[];
  /** Per header, up to three sample values from the first rows, already quoted and shortened (csvPreviewOf). */
  samples?: readonly (readonly string[])[];
  options: UploadOptions;
  savedMappings: readonly SavedMapping[];
  onChange: (patch: Partial<UploadOptions>) => void;
}) {
  const identified = headers.some((header) => {
    const field = effectiveField(header, options.mapping);
    return field === "fqdn" || field === "hostName";
  });
  const setColumn = (header: string, target: string) => {
    const mapping = { ...options.mapping };
    if (target === "") delete mapping[header];
    else mapping[header] = target;
    onChange({ mapping });
  };
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-semibold">Map the columns</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Tell the server what each column of {fileName} holds; the sample values come from its first rows. Columns left on{" "}
        <em>Automatic</em> use the built-in header names.
      </p>
      {savedMappings.length > 0 && (
        <div className="max-w-sm">
          <label htmlFor={`${idPrefix}-saved`} className="block text-sm font-medium">
            Start from a saved mapping
          </label>
          <select
            id={`${idPrefix}-saved`}
            className={`mt-1 ${SELECT}`}
            value=""
            onChange={(event) => {
              const saved = savedMappings.find((m) => m.name === event.target.value);
              if (saved) onChange({ mapping: applySavedMapping(headers, saved.mapping), mappingName: saved.name });
            }}
          >
            <option value="">Choose a saved mapping…</option>
            {savedMappings.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
          <caption className="sr-only">Columns of {fileName} and the field each one fills</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>Column in the file</th>
              <th scope="col" className={TH}>Sample values</th>
              <th scope="col" className={TH}>Field</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {headers.map((header, index) => {
              const id = `${idPrefix}-col-${index}`;
              return (
                <tr key={`${index}-${header}`}>
                  <th scope="row" className="px-3 py-2 text-left align-middle text-sm font-normal">
                    <label htmlFor={id} className="break-all font-mono text-xs">
                      {header === "" ? <span className="font-sans italic text-slate-500">(empty header)</span> : header}
                    </label>
                  </th>
                  <td className="max-w-xs px-3 py-2 align-middle" data-testid="mapping-samples">
                    {(samples?.[index]?.length ?? 0) === 0 ? (
                      <span className="text-xs italic text-slate-500 dark:text-slate-400">no value in the first rows</span>
                    ) : (
                      <ul className="flex flex-wrap gap-1" aria-label={`Sample values of ${header || "the column without a header"}`}>
                        {samples?.[index]?.map((value, i) => (
                          <li key={i} className="max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200" title={value}>
                            {value}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <select id={id} className={SELECT} value={options.mapping[header] ?? ""} onChange={(event) => setColumn(header, event.target.value)}>
                      <option value="">{automaticLabel(header)}</option>
                      <option value={IGNORE_COLUMN}>Ignore this column</option>
                      <optgroup label="Fields">
                        {INVENTORY_FIELDS.map((field) => (
                          <option key={field.id} value={field.id}>
                            {field.label} ({field.id})
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className={`text-sm ${identified ? "text-slate-600 dark:text-slate-400" : "font-medium text-amber-800 dark:text-amber-300"}`}>
        {identified
          ? "A column identifies the host (FQDN or Host name)."
          : "No column identifies the host yet: map the column with the server names to FQDN or Host name."}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex items-center gap-2 pb-2">
          <input
            id={`${idPrefix}-save-mapping`}
            type="checkbox"
            className="h-4 w-4"
            checked={options.saveMapping}
            onChange={(event) => onChange({ saveMapping: event.target.checked })}
          />
          <label htmlFor={`${idPrefix}-save-mapping`} className="text-sm">
            Save this mapping when committing
          </label>
        </div>
        <div className="min-w-56">
          <label htmlFor={`${idPrefix}-mapping-name`} className="block text-sm font-medium">
            Mapping name
          </label>
          <input
            id={`${idPrefix}-mapping-name`}
            className={`mt-1 ${SELECT}`}
            value={options.mappingName}
            maxLength={80}
            autoComplete="off"
            placeholder="CMDB export"
            onChange={(event) => onChange({ mappingName: event.target.value })}
          />
        </div>
      </div>
      {options.saveMapping && options.mappingName.trim() === "" && (
        <p className="text-sm text-amber-800 dark:text-amber-300">Enter a name to save the mapping.</p>
      )}
    </fieldset>
  );
}
