import { UploadHint } from "@/components/domains/upload-hints";
import { HYBRID_IDENTITY_ADMIN_ROLE_ID } from "@/lib/rules";

/** Which Microsoft Graph export fills the tenant facts. */
export function GraphHint({ title }: { title: string }) {
  return (
    <UploadHint title={title}>
      Upload a Microsoft Graph export (JSON): <code>GET /v1.0/domains</code> and the members of the Hybrid Identity Administrator role (
      <code className="[overflow-wrap:anywhere]">{`GET /v1.0/directoryRoles(roleTemplateId='${HYBRID_IDENTITY_ADMIN_ROLE_ID}')/members`}</code>), separately
      or combined in one file.
    </UploadHint>
  );
}
