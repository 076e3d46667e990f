import { Client, fetchExchange } from 'urql';
import { gatedFetch } from './request-gate.ts';

/** The API client: the session cookie goes by itself; every POST carries the CSRF token (kept in memory only). */
export function apiClient(csrfToken: string, onUnauthenticated: () => void): Client {
  return new Client({
    url: '/graphql',
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: () => ({ credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken } }),
    fetch: async (input, init) => {
      const res = await gatedFetch(input, init);
      if (res.status === 401) onUnauthenticated();
      return res;
    },
  });
}

/** The Vietnamese message of a failed GraphQL call (the server writes them in Vietnamese). */
export function errorText(error: { graphQLErrors?: { message: string }[]; networkError?: Error } | undefined, fallback: string): string {
  if (!error) return fallback;
  if (error.graphQLErrors?.length) return error.graphQLErrors.map((e) => e.message).join(' ');
  return fallback;
}
