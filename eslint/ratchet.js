// Files over the size rules or importing up the layers today (issue "One house a newcomer can live in").
// Each step of the redesign deletes its lines here; a line is never added.
export const TOO_LONG_TODAY = [
  'src/cli/main.ts',
  'src/database/embedded-cluster.ts',
  'src/demo/demo-province.ts',
  'src/register/register.service.ts',
];
export const UPWARD_TODAY = [];
