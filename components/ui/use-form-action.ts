"use client";

import { type FormEvent, useActionState, useEffect, useRef, useTransition } from "react";

type FormAction<S> = (previous: Awaited<S>, formData: FormData) => Promise<S>;

/**
 * Submits a form to a server action without React's automatic form reset, so that a rejected
 * submission keeps what the user typed next to its error messages. With `resetOnSuccess`, the form
 * is cleared after a successful submission (`{ ok: true }`).
 */
export function useFormAction<S extends { ok: boolean } | null>(action: FormAction<S>, { resetOnSuccess = false } = {}) {
  const [state, dispatch, actionPending] = useActionState<S, FormData>(action, null as Awaited<S>);
  const [transitionPending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (resetOnSuccess && state?.ok) formRef.current?.reset();
  }, [state, resetOnSuccess]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
  return { state, onSubmit, formRef, pending: actionPending || transitionPending };
}
