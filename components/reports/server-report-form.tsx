"use client";

import { useState, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";

/** Downloads /api/reports/servers/<name>.pdf for a typed FQDN or NetBIOS name. */
export function ServerReportForm() {
  const [name, setName] = useState("");
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = name.trim();
    if (!value) return;
    // A download, not a page: follow a temporary link (the route answers with an attachment).
    const link = document.createElement("a");
    link.href = `/api/reports/servers/${encodeURIComponent(value)}.pdf`;
    link.download = "";
    document.body.append(link);
    link.click();
    link.remove();
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <label htmlFor="server-report-name" className="block text-sm font-medium">
          Server (FQDN or NetBIOS name)
        </label>
        <input
          id="server-report-name"
          name="name"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="sync01.corp.contoso.com"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 dark:border-slate-600 dark:bg-slate-800"
        />
      </div>
      <button type="submit" className={buttonClass("primary")}>
        Download server PDF
      </button>
    </form>
  );
}
