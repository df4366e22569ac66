// `npm run db:seed`: seed the demo workspace into an empty database (and write demo.json).
import { openFromEnv } from "./open-from-env";
import { seedDemoIfEmpty } from "./seed";

async function main() {
  const { database, dataDir } = await openFromEnv();
  const seeded = await seedDemoIfEmpty(database.db, { dataDir });
  console.log(seeded ? `Demo workspace "${seeded.org}" seeded; logins in ${dataDir}/demo.json.` : "The database already has data: nothing seeded.");
  await database.close();
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
