/** Ports of the e2e mail sink, derived from the app's port so parallel suites on other ports do not collide. */
export function mailSinkPorts(appPort = Number(process.env.E2E_PORT ?? 3100)): { smtp: number; http: number } {
  return { smtp: appPort + 20_000, http: appPort + 20_001 };
}
