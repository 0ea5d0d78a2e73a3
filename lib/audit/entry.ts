import { z } from "zod";

/**
 * The audit log's vocabulary (pure: no database). Every change a person or the system makes to rollout,
 * waivers, attestations, uploads, users, roles and tokens, and every failed sign-in, is one entry:
 * who, when, what, before and after. Writers live in lib/data/audit.ts; entries are never edited or deleted.
 */
export const AUDIT_ACTIONS = [
  "wave.create",
  "wave.update",
  "wave.reorder",
  "wave.archive",
  "wave.unarchive",
  "rollout.assign",
  "rollout.move",
  "rollout.unassign",
  "rollout.update",
  "rollout.detected-installed",
  "rollout.bulk",
  "rollout.plan-import",
  "waiver.request",
  "waiver.approve",
  "waiver.reject",
  "waiver.revoke",
  "waiver.expire",
  "waiver.lapse",
  "attestation.record",
  "upload.commit",
  "upload.delete",
  "user.create",
  "user.role",
  "user.disable",
  "user.enable",
  "user.password-reset",
  "token.create",
  "token.revoke",
  "auth.sign-in-failed",
  "report.generate",
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const AUDIT_TARGET_TYPES = ["wave", "server", "waiver", "attestation", "upload", "user", "token", "session", "report"] as const;
export const auditTargetTypeSchema = z.enum(AUDIT_TARGET_TYPES);
export type AuditTargetType = z.infer<typeof auditTargetTypeSchema>;

export const AUDIT_ACTOR_KINDS = ["user", "token", "system", "anonymous"] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** Who did it. */
export interface AuditActor {
  kind: AuditActorKind;
  /** User.id or ApiToken.id */
  id?: string | null;
  /** The user's email, "token:<name>", "system", or the email someone tried to sign in with */
  name: string;
}

export const SYSTEM_ACTOR: AuditActor = Object.freeze({ kind: "system", id: null, name: "system" });

/** One entry as written. `before` / `after` are plain JSON values (the changed fields only, where that is clearer). */
export interface AuditInput {
  actor: AuditActor;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId?: string | null;
  targetLabel?: string | null;
  before?: unknown;
  after?: unknown;
  /** Short human sentence for lists, e.g. "moved from Wave 1 to Wave 2". */
  summary?: string;
  ip?: string | null;
  at?: Date;
}

/** A caller (lib/auth Caller) as an audit actor, without importing lib/auth (which is server-only). */
export function actorFromCaller(caller: { kind: "session"; userId: string; email: string } | { kind: "token"; tokenId: string; name: string }): AuditActor {
  return caller.kind === "session" ? { kind: "user", id: caller.userId, name: caller.email } : { kind: "token", id: caller.tokenId, name: `token:${caller.name}` };
}

/** The actor of a write that only knows its uploader/author ("token:<name>" for tokens, a user's email, or a tool name). */
export function actorFromUploader(by: { name: string; userId?: string | null }): AuditActor {
  if (by.userId) return { kind: "user", id: by.userId, name: by.name };
  if (by.name.startsWith("token:")) return { kind: "token", id: null, name: by.name };
  return by.name.includes("@") ? { kind: "user", id: null, name: by.name } : { kind: "system", id: null, name: by.name || "system" };
}
