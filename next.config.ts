import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/server-only packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "exceljs", "@react-pdf/renderer"],
  experimental: {
    // unauthorized() / forbidden() render 401 / 403 pages (app/unauthorized.tsx, app/forbidden.tsx).
    authInterrupts: true,
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
    ];
  },
};

export default nextConfig;
