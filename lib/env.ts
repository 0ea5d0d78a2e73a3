import { z } from "zod";
import { trustedProxiesProblem } from "@/lib/auth/trusted-proxies";
import { DEFAULT_DATABASE_URL, databaseKindOf } from "@/lib/data/database-url.mjs";

/** Server environment, validated once at first use (fail fast with every problem listed). */
const envSchema = z.object({
  /** `file:…` (default): the embedded SQLite database; `postgresql://…`: PostgreSQL (docs/decisions/020-postgresql-runtime.md). */
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => url.trim() !== "" && databaseKindOf(url) !== null, "must be a SQLite file: URL or a postgresql:// URL"),
  /** PostgreSQL only: connections in this instance's pool (node-postgres through @prisma/adapter-pg). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
  /** Session lifetime; sliding: each use within the window extends it. */
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** "auto": Secure cookies when the request arrived over HTTPS (directly or via X-Forwarded-Proto). */
  COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  /** Sign-in throttling (docs/decisions/015-sign-in-throttling.md): free failures per account and client, then delays. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  /** Free failures from one client address over all accounts (password spraying). */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(25),
  /** Failures older than this are forgotten (and deleted); also the longest delay. */
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
  /**
   * Reverse proxies whose X-Forwarded-For / -Host / -Proto are believed: comma-separated IPs or CIDR ranges
   * (IPv4/IPv6). Empty (default): none (lib/auth/client-address.ts).
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((value, ctx) => {
      const problem = trustedProxiesProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
  UPLOAD_MAX_ROWS: z.coerce.number().int().min(1).default(200_000),
  /**
   * Archives and workbooks (.zip, .gz, .tar.gz/.tgz, .xlsx): compressed size of the upload (a ZIP of 50,000 collector
   * reports is ≈ 90 MB), then the guards applied while inflating (docs/formats.md "Archives and workbooks").
   */
  ARCHIVE_MAX_BYTES: z.coerce.number().int().min(1).default(200 * 1024 * 1024),
  /** Files in one archive (folders and OS metadata not counted). */
  ARCHIVE_MAX_ENTRIES: z.coerce.number().int().min(1).default(60_000),
  /** Bytes inflated from one archive, all entries together. */
  ARCHIVE_MAX_UNCOMPRESSED_BYTES: z.coerce.number().int().min(1).default(1024 * 1024 * 1024),
  /** Bytes inflated from one entry. */
  ARCHIVE_MAX_ENTRY_BYTES: z.coerce.number().int().min(1).default(64 * 1024 * 1024),
  /** Inflated / compressed size of one entry, and of the whole archive (checked above 1 MB inflated). */
  ARCHIVE_MAX_ENTRY_RATIO: z.coerce.number().min(1).default(200),
  ARCHIVE_MAX_TOTAL_RATIO: z.coerce.number().min(1).default(100),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
