import Link from "next/link";

// Rendered with HTTP 403 when a page calls forbidden() (signed in, but the role lacks the permission).
export default function Forbidden() {
  return (
    <div className="mx-auto mt-10 max-w-lg rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Your role does not include this area. Ask an administrator if you need it.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-600 underline dark:text-brand-100">
        Back to the overview
      </Link>
    </div>
  );
}
