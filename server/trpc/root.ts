import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { billingRouter } from "./routers/billing";
import { boardRouter } from "./routers/board";
import { cardsRouter } from "./routers/cards";
import { datasetsRouter } from "./routers/datasets";
import { jobsRouter } from "./routers/jobs";
import { meRouter } from "./routers/me";
import { invitationsRouter } from "./routers/invitations";
import { membersRouter } from "./routers/members";
import { modelsRouter } from "./routers/models";
import { orgsRouter } from "./routers/orgs";
import { projectsRouter } from "./routers/projects";
import { runnersRouter } from "./routers/runners";
import { runsRouter } from "./routers/runs";
import { sprintsRouter } from "./routers/sprints";
import { tokensRouter } from "./routers/tokens";

export const appRouter = router({
  account: accountRouter,
  me: meRouter,
  orgs: orgsRouter,
  projects: projectsRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  board: boardRouter,
  cards: cardsRouter,
  sprints: sprintsRouter,
  models: modelsRouter,
  datasets: datasetsRouter,
  runs: runsRouter,
  jobs: jobsRouter,
  runners: runnersRouter,
  billing: billingRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
