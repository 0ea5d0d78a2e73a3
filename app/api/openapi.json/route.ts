import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

/** The OpenAPI 3.1 description of this API, generated from the same zod schemas the handlers use. No authentication. */
export function GET() {
  return Response.json(buildOpenApiDocument());
}
