import type { FormInstance } from 'antd';
import { useEffect } from 'react';

/**
 * A dialog's form that starts afresh at each opening: antd keeps a form's values in its instance
 * (the dialog's, which outlives each opening), so the last member's reason and day — even after
 * Hủy — came back for the next one and ended her on them.
 */
export function useFreshForm(form: FormInstance, open: boolean): void {
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
}
