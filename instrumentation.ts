// Opens the database when the server starts, so migrations and the demo seed run before the first
// request rather than during it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // Rate limits need the socket's address, which Next.js does not hand to route handlers.
  const { installPeerAddressHeader } = await import("@/server/http/client-address");
  installPeerAddressHeader();
  const { getDatabase } = await import("@/server/services/database");
  await getDatabase().catch(() => undefined); // /api/health reports the failure
}
