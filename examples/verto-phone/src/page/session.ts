import { createVertoClient, type VertoClient } from "@wiretype/verto/client";

export interface VertoSession {
  readonly login: string;
  readonly sessid: string;
  readonly client: VertoClient;
}

/**
 * Connects the generated verto client, whose handshake is `login` (sent again on every reconnection,
 * with the same sessid so that the server can re-attach calls). `attach` registers listeners first.
 */
export async function logIn(
  login: string,
  passwd: string,
  attach: (session: VertoSession) => void,
): Promise<VertoSession> {
  const sessid = crypto.randomUUID();
  const client = createVertoClient({
    url: `${location.origin.replace(/^http/, "ws")}/`,
    handshake: () => ({ login, passwd, sessid }),
  });
  const session = { login, sessid, client };
  attach(session);
  try {
    await client.connect();
  } catch (error) {
    await client.close();
    throw error;
  }
  return session;
}
