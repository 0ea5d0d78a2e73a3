"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";

/**
 * Copies text to the clipboard and announces the outcome in a polite live region
 * ("Copied", or how to copy by hand when the clipboard is unavailable).
 */
export function CopyButton({ text, label = "Copy", copiedMessage = "Copied", disabled = false }: { text: string; label?: string; copiedMessage?: string; disabled?: boolean }) {
  const [message, setMessage] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text);
      setMessage(copiedMessage);
    } catch {
      setMessage("Could not copy: select the text and press Ctrl+C.");
    }
    timer.current = setTimeout(() => setMessage(""), 4_000);
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} disabled={disabled} className={buttonClass("secondary", "px-2 py-1 text-xs")}>
        {label}
      </button>
      <span role="status" aria-live="polite" className="min-w-12 text-xs text-green-800 dark:text-green-300">
        {message}
      </span>
    </span>
  );
}
