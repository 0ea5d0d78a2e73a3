import { SignInPanel } from "@/components/auth/sign-in-panel";

// Rendered with HTTP 401 when a page calls unauthorized() (no session).
export default function Unauthorized() {
  return <SignInPanel title="Sign in to continue">This page needs a signed-in account.</SignInPanel>;
}
