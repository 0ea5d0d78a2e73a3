import type { NextConfig } from "next";
import { PROXY_BODY_BUFFER_LIMIT, SERVER_ACTION_BODY_LIMIT } from "./lib/http/server-action-limit";
import { API_POLICY } from "./lib/security/csp";

const nextConfig: NextConfig = {
  // Native/server-only packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "exceljs", "@react-pdf/renderer"],
  experimental: {
    // unauthorized() / forbidden() render 401 / 403 pages (app/unauthorized.tsx, app/forbidden.tsx).
    authInterrupts: true,
    // Every server action's body, counted while it streams (413 past it): lib/http/server-action-limit.ts says why 1 MB.
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT },
    // What the proxy (proxy.ts: pages and their server actions) may buffer of a request body (Next's default: 10 MB).
    // Above the actions' limit, so an oversized action still gets Next's 413 rather than a cut-off body.
    proxyClientMaxBodySize: PROXY_BODY_BUFFER_LIMIT,
  },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
      // Pages get their per-request policy with a nonce from proxy.ts; API routes and downloads this fixed one.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
    ];
  },
};

export default nextConfig;
