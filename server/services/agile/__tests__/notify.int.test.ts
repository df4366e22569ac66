import { describe, expect, it } from "vitest";
import { createTestProject, createTestTeam, listenForEvents, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { createCard } from "../create-card";
import { EVENTS_CHANNEL, type ProjectEvent } from "../notify";

const database = withTestDb();

const listen = (onEvent: (e: ProjectEvent) => void) => listenForEvents(database, EVENTS_CHANNEL, onEvent);

describe("live events", () => {
  it("are delivered when a change commits, and never for a refused change", async () => {
    const team = await createTestTeam(database.db);
    const project = await createTestProject(database.db, team.org.id);
    const ctx = await orgCtx(database.db, team.org.id, team.members.developer.id);
    const seen: ProjectEvent[] = [];
    const stop = await listen((e) => seen.push(e));
    const card = await createCard({ ctx, input: { key: project.key, title: "Live" } });
    await expect.poll(() => seen.length, { timeout: 2000 }).toBe(1);
    expect(seen[0]).toMatchObject({ projectId: project.id, topic: "card", cardId: card.id, actorUserId: team.members.developer.id });
    await expect(createCard({ ctx, input: { key: project.key, title: "Refused", column: "00000000-0000-4000-8000-000000000000" } })).rejects.toThrow(/column/);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(1);
    await stop();
  });
});
