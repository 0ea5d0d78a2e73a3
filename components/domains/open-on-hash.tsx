"use client";

import { useEffect } from "react";

/**
 * Opens the <details> the URL hash points at (or the one containing the target) and scrolls to it, on load and on
 * every hash change. Without JavaScript the sections still open on click; this only saves the click after a link.
 */
export function OpenOnHash() {
  useEffect(() => {
    const open = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (id === "") return;
      const target = document.getElementById(id);
      if (target === null) return;
      let opened = false;
      for (let node: HTMLElement | null = target; node !== null; node = node.parentElement) {
        if (node instanceof HTMLDetailsElement && !node.open) {
          node.open = true;
          opened = true;
        }
      }
      if (opened) target.scrollIntoView({ block: "start" });
    };
    open();
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, []);
  return null;
}
