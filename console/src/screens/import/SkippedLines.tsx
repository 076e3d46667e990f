import { Collapse, List } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql.ts';
import { T } from '../../text.ts';

const SKIPPED = graphql(`
  query ImportSkipped($id: ID!) {
    importJob(id: $id) {
      id
      skipped(first: 500) {
        sheet
        row
        reason
      }
    }
  }
`);

/**
 * The lines of her file under the header that are no member (title, totals, place and date,
 * signatures, column numbers), each with its row and why — read when she opens the list.
 */
export function SkippedLines({ jobId, count }: { jobId: string; count: number }) {
  const [open, setOpen] = useState(false);
  const [{ data, fetching }] = useQuery({ query: SKIPPED, variables: { id: jobId }, pause: !open });
  if (!count) return null;
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 16 }}
      onChange={(keys) => setOpen(keys.length > 0)}
      items={[
        {
          key: 'skipped',
          label: T.imports.skipped(count),
          children: (
            <List
              size="small"
              loading={fetching}
              dataSource={data?.importJob.skipped ?? []}
              renderItem={(s) => (
                <List.Item>{`${s.sheet ? T.imports.sheetRow(s.sheet, s.row) : `${T.imports.row} ${s.row}`}: ${s.reason}`}</List.Item>
              )}
            />
          ),
        },
      ]}
    />
  );
}
