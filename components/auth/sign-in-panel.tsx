import { Suspense } from "react";
import { SignInForm } from "./sign-in-form";

export function SignInPanel({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children && <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{children}</div>}
      <div className="mt-5">
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </div>
  );
}
