"use client";

import { loadDemoAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function LoadDemoButton() {
  const { state, onSubmit, formRef, pending } = useFormAction(loadDemoAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col items-center gap-2">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Loading the demo fleet…" : "Load demo data"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
