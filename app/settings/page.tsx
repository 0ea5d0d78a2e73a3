import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { CreateUserForm } from "@/components/settings/create-user-form";
import { RevokeTokenButton } from "@/components/settings/revoke-token-button";
import { UserRowActions } from "@/components/settings/user-row-actions";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { listApiTokens } from "@/lib/data/api-tokens";
import { listUsers } from "@/lib/data/users";

export const metadata: Metadata = { title: "Settings" };

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-3 py-2 align-top text-sm";

export default async function SettingsPage() {
  const caller = await requirePage("administer");
  const selfId = caller.kind === "session" ? caller.userId : null;
  const [users, tokens] = await Promise.all([listUsers(), listApiTokens()]);
  return (
    <>
      <PageHeader title="Settings" description="Accounts, roles and API tokens." />
      <div className="space-y-6">
        <Card title="Users" id="users">
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
              <caption className="sr-only">Users</caption>
              <thead>
                <tr>
                  <th scope="col" className={TH}>Email</th>
                  <th scope="col" className={TH}>Name</th>
                  <th scope="col" className={TH}>Role</th>
                  <th scope="col" className={TH}>Status</th>
                  <th scope="col" className={TH}>Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {users.map((user) => (
                  <tr key={user.id}>
                    <td className={`${TD} break-words`}>{user.email}</td>
                    <td className={TD}>{user.name}</td>
                    <td className={TD}>{ROLE_LABELS[user.role]}</td>
                    <td className={TD}>{user.disabled ? "Disabled" : "Active"}</td>
                    <td className={TD}>
                      <UserRowActions userId={user.id} email={user.email} role={user.role} disabled={user.disabled} self={user.id === selfId} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="mb-3 mt-6 text-sm font-semibold">Add a user</h3>
          <CreateUserForm />
        </Card>
        <Card title="API tokens" id="tokens">
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
            For automation (the collector upload, scripts). Tokens carry a role like a user, but never act above the
            current role of the person who created them, and stop working while that person is disabled or once they
            expire; only their hash is stored. The CLI can create them too:{" "}
            <code>npm run admin -- create-token --name &lt;name&gt; --role &lt;role&gt; --expires 90d</code>.
          </p>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
              <caption className="sr-only">API tokens</caption>
              <thead>
                <tr>
                  <th scope="col" className={TH}>Name</th>
                  <th scope="col" className={TH}>Role</th>
                  <th scope="col" className={TH}>Starts with</th>
                  <th scope="col" className={TH}>Created</th>
                  <th scope="col" className={TH}>Last used</th>
                  <th scope="col" className={TH}>Expires</th>
                  <th scope="col" className={TH}>Status</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {tokens.length === 0 && (
                  <tr>
                    <td colSpan={7} className={`${TD} text-slate-500`}>No tokens yet.</td>
                  </tr>
                )}
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td className={`${TD} break-words`}>{token.name}</td>
                    <td className={TD}>
                      {ROLE_LABELS[token.role]}
                      {token.effectiveRole !== token.role && (
                        <span className="block text-xs text-amber-700 dark:text-amber-400">acts as {ROLE_LABELS[token.effectiveRole]} (its creator&apos;s role)</span>
                      )}
                    </td>
                    <td className={`${TD} font-mono`}>{token.prefix}…</td>
                    <td className={TD}>
                      <DateTime value={token.createdAt} />
                      {token.createdBy && <span className="block text-xs text-slate-500">by {token.createdBy}</span>}
                    </td>
                    <td className={TD}>
                      <DateTime value={token.lastUsedAt} />
                    </td>
                    <td className={TD}>{token.expiresAt ? <DateTime value={token.expiresAt} /> : "Never"}</td>
                    <td className={TD}>
                      {!token.revokedAt && token.expired && <span className="block">Expired</span>}
                      {!token.revokedAt && token.ownerDisabled && <span className="block">Refused: its creator is disabled</span>}
                      {token.revokedAt ? (
                        <span>
                          Revoked <DateTime value={token.revokedAt} />
                        </span>
                      ) : (
                        <RevokeTokenButton tokenId={token.id} name={token.name} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="mb-3 mt-6 text-sm font-semibold">Create a token</h3>
          <CreateTokenForm />
        </Card>
      </div>
    </>
  );
}
