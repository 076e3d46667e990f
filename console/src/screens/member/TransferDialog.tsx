import { useQuery } from 'urql';
import { T } from '../../text.ts';
import { MoveDialog } from '../units/UnitDialogs.tsx';
import { UNIT_TREE } from '../units/units-query.ts';

/**
 * One member moved to another unit from her page: the units screen's dialog and mutation, the same
 * rule on the server (to a unit of hers at once; to another commune's unit a request it must accept).
 */
export function TransferDialog(props: {
  organization: string;
  member: { id: string; fullName: string };
  onClose: (changed: boolean) => void;
  onResult: (text: string, problems: string[]) => void;
}) {
  // Her units, as the units screen's tree has them: those the move reaches at once.
  const [units] = useQuery({ query: UNIT_TREE, variables: { organization: props.organization } });
  return (
    <MoveDialog
      organization={props.organization}
      members={[props.member]}
      mine={new Set((units.data?.units ?? []).map((u) => u.code))}
      onClose={props.onClose}
      onResult={props.onResult}
      title={T.units.transferTitle(props.member.fullName)}
      okText={T.units.transfer}
    />
  );
}
