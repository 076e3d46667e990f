// Files over the size rules or importing up the layers today (issue "One house a newcomer can live in").
// Each step of the redesign deleted its lines here; a line is never added.
export const TOO_LONG_TODAY = [];
export const UPWARD_TODAY = [];
