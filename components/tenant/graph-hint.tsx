import { UploadHint } from "@/components/domains/upload-hints";
import { HYBRID_IDENTITY_ADMIN_ROLE_ID } from "@/lib/rules";

/** Which Microsoft Graph export fills the tenant facts. */
export function GraphHint({ title }: { title: string }) {
  return (
    <UploadHint title={title}>
      Upload a Microsoft Graph export (JSON): <code>GET /v1.0/domains</code> and the holders of the Hybrid Identity Administrator and Global
      Administrator roles: role assignments and PIM eligibility schedules with <code>$expand=principal</code> (the collect command of the
      tenant-hybrid-admin rule writes both, with each group&apos;s members), or the role&apos;s active members (
      <code className="[overflow-wrap:anywhere]">{`GET /v1.0/directoryRoles(roleTemplateId='${HYBRID_IDENTITY_ADMIN_ROLE_ID}')/members`}</code>), separately
      or combined in one file.
    </UploadHint>
  );
}
