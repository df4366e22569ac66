/** The demo workspace seeded into the fresh e2e database (db/seed.ts). Specs only read it. */
export const DEMO = {
  org: "acme",
  orgName: "Acme ML",
  password: "runboard-demo",
  admin: "admin@acme.test",
  manager: "manager@acme.test",
  viewer: "viewer@acme.test",
  projects: [
    { key: "CHURN", name: "Customer churn" },
    { key: "FRAUD", name: "Card fraud" },
  ],
} as const;
