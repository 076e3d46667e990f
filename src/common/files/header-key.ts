import { foldText } from '../text/vietnamese-text.js';

/** `Họ và tên` → `hovaten`: accents, tone placement, case, spaces and punctuation do not count. */
export const headerKey = (text: string): string => foldText(text).replace(/[^a-z0-9]/g, '');
