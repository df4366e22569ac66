// `npm run db:migrate`: apply the committed migrations to DATABASE_URL or the PGlite directory.
import { openFromEnv } from "./open-from-env";

async function main() {
  const { database } = await openFromEnv();
  console.log(`Migrations applied (${database.kind}).`);
  await database.close();
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
