export const THEME_STORAGE_KEY = "csr-theme";

/** Inline script for <head>: applies the stored or system theme before first paint (no flash, no layout shift). */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(!t){t=window.matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}if(t==="dark"){document.documentElement.classList.add("dark")}}catch(e){}})();`;
