import { afterEach, describe, expect, it } from "vitest";
import { env, type Env } from "@/server/env";
import { clientAddress, installPeerAddressHeader, PEER_HEADER } from "../client-address";
import { serveFetchHandler } from "../node-server";

const g = globalThis as unknown as { __runboardEnv?: Env };
const withTrustProxy = (hops: number) => {
  g.__runboardEnv = { ...env(), TRUST_PROXY: hops };
};
afterEach(() => {
  g.__runboardEnv = undefined;
});

describe("the client address used by rate limits", () => {
  it("ignores X-Forwarded-For without TRUST_PROXY and uses the socket's address", () => {
    const h = new Headers({ "x-forwarded-for": "1.2.3.4", [PEER_HEADER]: "::ffff:198.51.100.5" });
    expect(clientAddress(h)).toBe("198.51.100.5");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }))).toBeNull();
  });

  it("reads the n-th X-Forwarded-For entry from the right with TRUST_PROXY=n", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2", [PEER_HEADER]: "10.0.0.3" });
    withTrustProxy(1);
    expect(clientAddress(h)).toBe("10.0.0.2");
    withTrustProxy(2);
    expect(clientAddress(h)).toBe("203.0.113.9");
  });

  it("counts IPv6 addresses per /64", () => {
    expect(clientAddress(new Headers({ [PEER_HEADER]: "2001:db8:abcd:12:1::7" }))).toBe("2001:db8:abcd:12::/64");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "2001:db8:abcd:0012:ffff:1:2:3" }))).toBe("2001:db8:abcd:12::/64");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "::1" }))).toBe("0:0:0:0::/64");
  });

  it("tags real requests with the socket's address, overwriting a forged tag", async () => {
    installPeerAddressHeader();
    const server = await serveFetchHandler(async (req) => Response.json({ ip: clientAddress(req.headers) }));
    try {
      const res = await fetch(server.url, { headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" } });
      expect(await res.json()).toEqual({ ip: "127.0.0.1" });
    } finally {
      await server.close();
    }
  });
});
