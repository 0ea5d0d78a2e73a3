"use client";

// Unexpected errors land here; expected ones are values shown next to their input.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-10 max-w-lg rounded-lg border border-red-200 bg-white p-6 dark:border-red-900 dark:bg-slate-900">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        The error was logged{error.digest ? ` (reference ${error.digest})` : ""}. Try again; if it persists, tell an administrator.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </div>
  );
}
