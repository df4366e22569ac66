// Prepares a PGlite data directory for bench/board.mjs: the demo workspace plus a Kanban project
// BENCH with N cards spread over its 5 columns, each with a created event. Run before the server
// starts (PGlite allows one process per directory). Usage: npx tsx bench/board-data.ts DIR [cards=5000]
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { cardEvents, cards, organizations, projects, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed";
import { createDefaultBoard } from "@/server/services/agile/create-default-board";
import { ranksBetween } from "@/server/services/agile/ranks";

async function main() {
  const dir = process.argv[2];
  const n = Number(process.argv[3] ?? 5000);
  if (!dir) throw new Error("usage: board-data.ts DIR [cards]");
  const database = await openDatabase({ kind: "pglite", dir: path.join(dir, "pglite") });
  const db = database.db;
  await seedDemoIfEmpty(db, { dataDir: dir });
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, "acme"));
  const [manager] = await db.select().from(users).where(eq(users.email, "manager@acme.test"));
  const [project] = await db.insert(projects).values({ orgId: org!.id, key: "BENCH", name: "Benchmark board", cardSeq: n, createdBy: manager!.id }).returning();
  const { columns } = await createDefaultBoard(db, project!.id, "kanban");
  const ranks = ranksBetween(null, null, n);
  const types = ["story", "task", "bug", "experiment", "data", "deploy", "spike"];
  const roles = ["data_engineer", "data_scientist", "developer"];
  for (let start = 0; start < n; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + 500); i++) {
      rows.push({
        orgId: org!.id,
        projectId: project!.id,
        number: i + 1,
        title: `Benchmark card ${i + 1}: evaluate feature set ${i % 97}`,
        type: types[i % types.length]!,
        role: roles[i % roles.length]!,
        stage: ["data", "model", "deploy"][i % 3]!,
        points: [1, 2, 3, 5, 8][i % 5]!,
        priority: "medium",
        labels: [`l${i % 7}`],
        columnId: columns[i % columns.length]!.id,
        rank: ranks[i]!,
        createdBy: manager!.id,
      });
    }
    const inserted = await db.insert(cards).values(rows).returning({ id: cards.id, columnId: cards.columnId, points: cards.points });
    await db.insert(cardEvents).values(
      inserted.map((c) => ({ cardId: c.id, projectId: project!.id, actorUserId: manager!.id, kind: "created" as const, to: { columnId: c.columnId, sprintId: null, points: c.points } })),
    );
  }
  await database.close();
  console.log(`prepared ${n} cards in ${columns.length} columns`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
