import { NextRequest } from "next/server";
import { BodyTooLargeError, payloadTooLarge, withCappedBody } from "@/server/http/body";
import { handlers } from "@/server/auth";

/** Sign-in and sign-out forms are a few hundred bytes; nobody signs in with more than this. */
const AUTH_BODY_BYTES = 64 * 1024;

export const GET = handlers.GET;

/** Auth.js reads the whole form before it checks anything, so the body is capped first. */
export async function POST(req: NextRequest): Promise<Response> {
  try {
    return await handlers.POST(new NextRequest(await withCappedBody(req, AUTH_BODY_BYTES)));
  } catch (err) {
    if (err instanceof BodyTooLargeError) return payloadTooLarge(err);
    throw err;
  }
}
