import { Client, fetchExchange, mapExchange } from 'urql';
import { gatedFetch } from './request-gate.ts';
import { currentSession, type Session } from './session.ts';

/** Longer than the server's refusal ever is: a roster page is not read twice to look for it. */
const REFUSAL_AT_MOST = 4096;

/** The server's refusal of a write whose CSRF token is not the cookie's session's (her session was renewed elsewhere). */
async function staleToken(res: Response): Promise<boolean> {
  if (res.status === 401 || Number(res.headers.get('content-length') ?? 0) > REFUSAL_AT_MOST) return false;
  return /X-CSRF-Token/.test(await res.clone().text());
}

/** The server's words on a 401 (GraphQL's first error, or a route's message): why her session ended. */
async function whyRefused(res: Response): Promise<string | null> {
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { errors?: { message?: string }[]; message?: string } | null;
  return body?.errors?.[0]?.message ?? body?.message ?? null;
}

/**
 * The API client: the session cookie goes by itself; every POST carries the CSRF token (kept in
 * memory only). When she logged in again in another tab, the cookie is a new session whose token
 * this page does not hold: the write is refused, so the page reads its session again and, when it
 * is still her, sends the same write once more with the new token — what she typed is saved, not
 * lost to a message about CSRF. Another account in the cookie now: this page's session is over.
 * So it is when the server answers that no session is there (expired, logged out elsewhere, or ended
 * by an administrator's lock, reset or change of her rights): the page goes back to the log-in, which
 * says why — the server's words for the one cause when it gives them — instead of an error under every click.
 */
export function apiClient(session: Session, onUnauthenticated: (why?: string | null) => void, onRenewed: (s: Session) => void): Client {
  let token = session.csrfToken;
  return new Client({
    url: '/graphql',
    exchanges: [
      mapExchange({
        onError: (error) => {
          const refused = error.graphQLErrors.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
          if (refused) onUnauthenticated(refused.message);
        },
      }),
      fetchExchange,
    ],
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: () => ({ credentials: 'same-origin', headers: { 'X-CSRF-Token': token } }),
    fetch: async (input, init) => {
      const res = await gatedFetch(input, init);
      if (res.status === 401) onUnauthenticated(await whyRefused(res));
      if (init?.method !== 'POST' || !(await staleToken(res))) return res;
      const now = await currentSession().catch(() => null);
      if (!now || now.user.username !== session.user.username) {
        onUnauthenticated();
        return res;
      }
      token = now.csrfToken;
      // (Set, not added: the header's name may come in another case, and two tokens are no token.)
      const headers = new Headers(init.headers);
      headers.set('X-CSRF-Token', token);
      const again = await gatedFetch(input, { ...init, headers });
      onRenewed(now);
      return again;
    },
  });
}

/** The Vietnamese message of a failed GraphQL call (the server writes them in Vietnamese). */
export function errorText(error: { graphQLErrors?: { message: string }[]; networkError?: Error } | undefined, fallback: string): string {
  if (!error) return fallback;
  if (error.graphQLErrors?.length) return error.graphQLErrors.map((e) => e.message).join(' ');
  return fallback;
}
