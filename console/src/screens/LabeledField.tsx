import { Form } from 'antd';
import type { ReactNode } from 'react';

/**
 * A dialog's field with its label in sight and tied to it (`for` = the field's id): a placeholder
 * goes as she types, and a screen reader reads the label with the field.
 */
export function LabeledField({ id, label, extra, children }: { id: string; label: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Form layout="vertical" component={false}>
      <Form.Item label={label} htmlFor={id} extra={extra} style={{ marginBottom: 12 }}>
        {children}
      </Form.Item>
    </Form>
  );
}
