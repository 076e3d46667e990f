// Option values checked as Commander parses them: a bad one is a usage error (exit code 2) with a
// Vietnamese reason, before any database is opened.
import { InvalidArgumentError } from 'commander';
import { isRole, Role, ROLE_LABELS } from '../../access/role.js';
import type { RosterFormat } from '../../roster-io/export/roster-export.service.js';

export const prob = (name: string) => (v: string) => {
  const p = Number(v);
  if (!(p > 0 && p < 1)) throw new InvalidArgumentError(`${name} phải là một xác suất lớn hơn 0 và nhỏ hơn 1 (ví dụ 0.99)`);
  return p;
};

export const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} phải là một số nguyên không âm`);
  return n;
};

/** `--noise '{"typo":0.1}'`: known rate names, each from 0 to 1. */
export function jsonRates<T extends object>(option: string, defaults: T) {
  return (v: string): Partial<T> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw new InvalidArgumentError(`${option} phải là JSON, ví dụ '{"${Object.keys(defaults)[0]}":0.1}'`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new InvalidArgumentError(`${option} phải là một đối tượng JSON`);
    for (const [k, r] of Object.entries(parsed)) {
      if (!(k in defaults))
        throw new InvalidArgumentError(`${option}: không có tỷ lệ '${k}' (các tỷ lệ: ${Object.keys(defaults).join(', ')})`);
      if (typeof r !== 'number' || r < 0 || r > 1) throw new InvalidArgumentError(`${option}: '${k}' phải là một số từ 0 đến 1`);
    }
    return parsed;
  };
}

export function formatOption(v: string): RosterFormat {
  if (v !== 'csv' && v !== 'xlsx') throw new InvalidArgumentError(`'${v}': csv hoặc xlsx`);
  return v;
}

export function roleOption(v: string): Role {
  if (!isRole(v)) throw new InvalidArgumentError(`'${v}' không phải vai trò: ${Object.values(Role).join(', ')}`);
  return v;
}

/** The help text of a --role option: each code with its name, as the console shows it. */
export const ROLE_CHOICES = `vai trò, một trong: ${Object.values(Role)
  .map((r) => `${r} (${ROLE_LABELS[r].replace(/ \((.+)\)$/, ', $1')})`)
  .join('; ')}`;
