import type { Row } from "./authz-harness";
import type { OrgSeed } from "./authz-seed";
import { mine, rand, trpc } from "./authz-rows-org";

async function completeActive(s: OrgSeed) {
  const sprints = await s.admin.sprints.list({ org: s.org.slug, key: s.key });
  for (const sp of sprints.filter((x) => x.state === "active")) await s.admin.sprints.complete({ org: s.org.slug, sprintId: sp.id });
}

/** Boards and columns, cards (comments, links) and sprints. */
export function agileRows(): Row[] {
  return [
    trpc("boards", "read", "card.read", "board.get", (t) => ({ key: t.key })),
    trpc("boards", "read", "card.read", "board.backlog", (t) => ({ key: t.key })),
    trpc("boards", "read", "card.read", "board.charts", (t) => ({ key: t.key })),
    trpc("boards", "update", "board.configure", "board.setKind", (t) => ({ key: t.key, kind: "scrum" })),
    trpc("columns", "create", "board.configure", "board.addColumn", (t) => ({ key: t.key, name: `new-${rand()}`, category: "doing" }), {
      fresh: async (s) => {
        // a board has at most 12 columns: remove the ones this row added
        const board = await s.admin.board.get({ org: s.org.slug, key: s.key });
        for (const c of board.columns.filter((x) => x.name.startsWith("new-"))) await s.admin.board.deleteColumn({ org: s.org.slug, key: s.key, columnId: c.id });
      },
    }),
    trpc("columns", "update", "board.configure", "board.updateColumn", (t) => ({ key: t.key, columnId: t.res.columnId, wipLimit: 50 })),
    trpc("columns", "delete", "board.configure", "board.deleteColumn", (t) => ({ key: t.key, columnId: t.res.columnToDelete }), {
      fresh: async (s) => {
        s.res.columnToDelete = await s.make.column();
      },
    }),

    trpc("cards", "create", "card.write", "cards.create", (t) => ({ key: t.key, title: "A new card" })),
    trpc("cards", "read", "card.read", "cards.get", (t) => ({ cardKey: t.res.cardKey })),
    trpc("cards", "update", "card.write", "cards.update", (t) => ({ cardKey: t.res.cardKey, points: 3 })),
    trpc("cards", "update", "card.write", "cards.move", (t) => ({ cardKey: t.res.cardKey, column: t.res.columnId })),
    trpc("cards", "update", "card.write", "cards.move", (t, me) => ({ cardKey: mine(t, me).cardKey, column: t.res.columnId }), {
      name: "cards.move (own card into the target's column)",
    }),
    trpc("cards", "update", "card.write", "cards.plan", (t) => ({ cardKey: t.res.cardKey, sprintId: null })),
    trpc("card comments", "create", "card.write", "cards.comment", (t) => ({ cardKey: t.res.cardKey, body: "Looks good" })),
    trpc("card links", "create", "card.write", "runs.links.create", (t) => ({ cardKey: t.res.cardKey, kind: "commit", target: `${rand()}${rand()}` })),
    trpc("card links", "create", "card.write", "runs.links.create", (t, me) => ({ cardKey: mine(t, me).cardKey, kind: "run", target: t.res.runId }), {
      name: "runs.links.create (own card to the target's run)",
    }),
    trpc("card links", "read", "card.read", "runs.links.list", (t) => ({ cardKey: t.res.cardKey })),
    trpc("card links", "delete", "card.write", "runs.links.delete", (t) => ({ cardKey: t.res.cardKey, linkId: t.res.linkId }), {
      fresh: async (s) => {
        s.res.linkId = await s.make.link(s.res.cardKey, s.res.runId);
      },
    }),

    trpc("sprints", "create", "sprint.manage", "sprints.create", (t) => ({ key: t.key, name: "Next sprint" })),
    trpc("sprints", "read", "card.read", "sprints.list", (t) => ({ key: t.key })),
    trpc("sprints", "update", "sprint.manage", "sprints.start", (t) => ({ sprintId: t.res.plannedSprint }), {
      fresh: async (s) => {
        await completeActive(s);
        s.res.plannedSprint = await s.make.sprint();
      },
    }),
    trpc("sprints", "update", "sprint.manage", "sprints.complete", (t) => ({ sprintId: t.res.activeSprint }), {
      fresh: async (s) => {
        await completeActive(s);
        s.res.activeSprint = await s.make.sprint();
        await s.admin.sprints.start({ org: s.org.slug, sprintId: s.res.activeSprint });
      },
    }),
  ];
}
