import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';
import type { FieldProblem } from '../errors/field-problem.js';

const REASONS: Record<string, string> = {
  isString: 'phải là chuỗi ký tự',
  isNotEmpty: 'không được để trống',
  maxLength: 'quá dài',
  minLength: 'quá ngắn',
  isInt: 'phải là số nguyên',
  min: 'nhỏ hơn giá trị cho phép',
  max: 'lớn hơn giá trị cho phép',
  matches: 'sai định dạng',
  isEnum: 'không thuộc danh sách cho phép',
  isIn: 'không thuộc danh sách cho phép',
  arrayMaxSize: 'có quá nhiều phần tử',
  whitelistValidation: 'không phải trường được phép',
};

/** "must be shorter than or equal to 60 characters" → "quá dài (tối đa 60 ký tự)": the limit says what to do. */
function withLimit(key: string, english: string, reason: string): string {
  const n = /(\d+) characters/.exec(english)?.[1];
  if (n && key === 'maxLength') return `${reason} (tối đa ${n} ký tự)`;
  if (n && key === 'minLength') return `${reason} (ít nhất ${n} ký tự)`;
  return reason;
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([key, english]) => {
      const value = e.value === undefined || e.value === null ? null : String(e.value).slice(0, 80);
      const reason = /[À-ỹ]/u.test(english) ? english : withLimit(key, english, REASONS[key] ?? english);
      return { field, value, message: `Trường '${field}'${value !== null ? ` = '${value}'` : ''}: ${reason}` };
    });
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The global pipe of main.ts and the tests: class-validator on every input, Vietnamese errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => DomainError.invalidInput(flatten(errors)),
  });
}
