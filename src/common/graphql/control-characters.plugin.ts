import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/** NUL cannot be stored in PostgreSQL text; other C0 controls (but tab, CR, LF) have no place in a roster. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Where a forbidden control character hides in the variables, as a path (`input.fullName`), or null. */
export function findControlCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? path || '(giá trị)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findControlCharacter(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findControlCharacter(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}

function inDocument(doc: DocumentNode): boolean {
  let found = false;
  visit(doc, {
    [Kind.STRING]: (node) => {
      if (FORBIDDEN.test(node.value)) found = true;
    },
  });
  return found;
}

/** Refuses a request whose strings carry control characters, before any resolver runs. */
export const controlCharactersPlugin: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      didResolveOperation({ request, document }) {
        const where = findControlCharacter(request.variables ?? {}) ?? (inDocument(document) ? 'truy vấn' : null);
        if (where)
          throw new GraphQLError(`Dữ liệu không hợp lệ: '${where}' chứa ký tự điều khiển (như \\u0000) không được phép.`, {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        return Promise.resolve();
      },
    });
  },
};
