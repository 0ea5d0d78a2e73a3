// Runs once when a server instance starts: migrate the embedded database, then make sure an admin exists.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerInstance } = await import("@/lib/server-start");
  await startServerInstance();
}
