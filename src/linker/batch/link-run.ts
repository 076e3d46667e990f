import type { NamesakeBucket } from '../model/namesake-groups.js';
import type { DataSource, QueryRunner } from 'typeorm';
import { MemberStatus } from '../../membership/status/member-status.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { LinkDecision } from '../link.entities.js';
import { score, type Model } from '../model/model.js';
import type { DEFAULT_LINK_OPTIONS } from '../model/pair-decision.js';
import { candidatePairs, type BlockingRuleSummary } from './blocking.js';
import { clearIdsFor, recordComparer } from './compare-records.js';
import { storedRows, storeLinkResult } from './link-store.js';
import { frequencies, namesakeCounter } from './namesakes.js';
import { formPersons, readReviews, type Persons } from './persons.js';
import { countAwaitingReview } from '../review/awaiting-review.js';
import { phantomChecks, phantomContext, type PhantomResult } from './phantom-facts.js';
import { bridgePairs, matchRegister, type RegisterBridge } from './register-bridge.js';
import { failRun, finishRun, notePhases, startRun, type RunStarter } from './run-lifecycle.js';
import { scorePairs, trainModel, weigher, type KeptPair } from './score-pairs.js';
import { dropSnapshot, loadRecords, loadResidents, takeSnapshot, type Records } from './snapshot.js';

export interface LinkOptions {
  /** Link automatically at or above this probability. */
  auto?: number;
  /** Send to review at or above this probability (below `auto`). */
  review?: number;
  /** A block larger than this is split by commune; still larger, it is skipped (and counted). */
  maxBlock?: number;
  /** Who started the run (kept on its row, shown in Quản trị). */
  startedBy?: RunStarter;
  /** A test's window into the store transaction: the new result written, not yet committed. */
  onStored?: () => Promise<void>;
}

export type LinkSettings = typeof DEFAULT_LINK_OPTIONS & LinkOptions;

export interface LinkSummary {
  runId: string;
  records: number;
  candidatePairs: number;
  blocking: BlockingRuleSummary[];
  autoLinks: number;
  reviewPairs: number;
  bridgeLinks: number;
  /** Namesakes nothing tells apart, joined (`model/namesake-groups.ts`), and the numbered pairs that decided it. */
  namesakeLinks: number;
  namesakeRates: NamesakeBucket[];
  refusedLinks: number;
  /** Links not taken: two namesakes of one organization in one person without a link of their own. */
  apartLinks: number;
  /** The numbered namesakes of one organization that decided whether that rule applied (`OwnListingRate`). */
  ownListings: { numbered: number; same: number; applied: boolean };
  verifiedRecords: number;
  /** Persons with an ACTIVE membership: Tổng quan's Số người right after the run. */
  persons: number;
  /** Of those, in two organizations or more (ACTIVE in each). */
  multiOrganizationPersons: number;
  /** Records flagged as the same person twice in one organization. */
  duplicateInOrganization: number;
  /** ACTIVE records suspected to be phantoms ("ảo"). */
  suspectedPhantoms: number;
  model: Model;
  seconds: Record<string, number>;
}

/** What a run needs from the application. */
export interface LinkRunNeeds {
  db: DataSource;
  /** Unseals a clear ID number. */
  open: (sealed: Buffer) => string;
  organizationOf: (code: string) => Promise<OrganizationDefinition>;
}

/**
 * One link run, phase by phase (each reported to `progress` as it ends), on the locked connection
 * `runner`: the snapshot, blocking, the model, scoring, the register bridge, clustering, the phantom
 * checks, and the result stored in place of the last one.
 */
export async function runLink(
  needs: LinkRunNeeds,
  runner: QueryRunner,
  opts: LinkSettings,
  progress?: (step: string) => void,
): Promise<LinkSummary> {
  const runId = await startRun(needs.db, opts.startedBy ?? null);
  // Each phase, as it ends, also kept in the run's row (what the console shows while it runs): one
  // note after the other, so an earlier note never lands over a later one.
  let noted = Promise.resolve();
  const { seconds, lap } = stopwatch((step) => {
    progress?.(step);
    const now = { ...seconds };
    noted = noted.then(() => notePhases(needs.db, runId, now));
  });
  try {
    await takeSnapshot(runner);
    const recs = await loadRecords(runner);
    lap('load');
    const residents = await loadResidents(runner);
    lap('load_register');

    const { pairs, blocking } = await candidatePairs(runner, recs.n, opts.maxBlock);
    lap('blocking');

    const compare = recordComparer(recs, await clearIdsFor(runner, recs, pairs, needs.open));
    const freq = frequencies(recs);
    const trained = trainModel(recs.n, pairs, compare);
    const { model } = trained;
    lap('model');

    const weigh = weigher(model, freq);
    const scored = scorePairs(recs, pairs, trained, weigh, namesakeCounter(recs, residents), opts);
    lap('scoring');

    const bridge = matchRegister(recs, residents, model, freq);
    const bridgeLinks = bridgePairs(recs, bridge, scored.kept, scored.edges);
    lap('register');

    const reviews = await readReviews(needs.db, recs);
    const persons = formPersons(recs, scored.edges, scored.slips, reviews, scored.kept, bridge.resident, scored.namesakes);
    lap('clustering');

    const context = await phantomContext(needs.db, needs.organizationOf, recs);
    const phantom = phantomChecks(recs, residents, bridge, persons, context);
    lap('phantom');

    const kept = [...scored.kept.values()];
    const explain = (k: KeptPair) =>
      k.c ? score(model, k.c, { nameKey: recs.name[k.a].key, birthKey: recs.birth[k.a]?.key ?? null }, freq).contributions : [];
    const rows = storedRows({ recs, personIds: persons.personIds, verified: bridge.verified, phantom, kept, contributions: explain });
    await storeLinkResult(runner, rows, opts.onStored);
    lap('store');

    const namesakeRates = scored.namesakes.rates.summary();
    const { numbered, same } = scored.namesakes.own;
    const ownListings = { numbered, same, applied: scored.namesakes.own.applies() };
    const found = {
      recs,
      candidatePairs: trained.patternOf.length,
      blocking,
      kept,
      bridgeLinks,
      namesakeRates,
      ownListings,
      bridge,
      persons,
      phantom,
    };
    // As the review queue counts them (`awaitingReview`), now that the run's persons are stored.
    const summary = { ...summarize(runId, found, model, seconds), reviewPairs: await countAwaitingReview(runner) };
    await finishRun(needs.db, runId, summary);
    return summary;
  } catch (e) {
    await failRun(needs.db, runId, e);
    throw e;
  } finally {
    await dropSnapshot(runner);
  }
}

/** Seconds per phase; `lap` ends a phase and reports it. */
function stopwatch(progress?: (step: string) => void): { seconds: Record<string, number>; lap: (name: string) => void } {
  const seconds: Record<string, number> = {};
  let t0 = Date.now();
  const lap = (name: string) => {
    seconds[name] = (Date.now() - t0) / 1000;
    t0 = Date.now();
    progress?.(name);
  };
  return { seconds, lap };
}

/** What the phases found, for the summary. */
interface Found {
  recs: Records;
  candidatePairs: number;
  blocking: BlockingRuleSummary[];
  kept: KeptPair[];
  bridgeLinks: number;
  namesakeRates: LinkSummary['namesakeRates'];
  ownListings: LinkSummary['ownListings'];
  bridge: RegisterBridge;
  persons: Persons;
  phantom: PhantomResult;
}

/** The run's counts (kept in `link_run.summary` and printed by `lienthong link`). */
function summarize(runId: string, f: Found, model: Model, seconds: Record<string, number>): LinkSummary {
  const { recs, persons } = f;
  // Persons as Tổng quan counts them right after the run: by their ACTIVE memberships (not a suspended or temporary listing).
  const orgsOfPerson = new Map<string, Set<string>>();
  recs.id.forEach((_, i) => {
    if (recs.status[i] !== (MemberStatus.ACTIVE as string)) return;
    const set = orgsOfPerson.get(persons.personIds[i]) ?? new Set<string>();
    set.add(recs.org[i]);
    orgsOfPerson.set(persons.personIds[i], set);
  });
  return {
    runId,
    records: recs.n,
    candidatePairs: f.candidatePairs,
    blocking: f.blocking,
    autoLinks: f.kept.filter((k) => k.decision === LinkDecision.AUTO).length,
    reviewPairs: 0, // counted once stored: `countAwaitingReview`
    bridgeLinks: f.bridgeLinks,
    namesakeLinks: persons.namesakeLinks,
    namesakeRates: f.namesakeRates,
    refusedLinks: persons.refused,
    apartLinks: persons.apart,
    ownListings: f.ownListings,
    verifiedRecords: f.bridge.verified.filter(Boolean).length,
    persons: orgsOfPerson.size,
    multiOrganizationPersons: [...orgsOfPerson.values()].filter((s) => s.size > 1).length,
    duplicateInOrganization: persons.duplicates.filter(Boolean).length,
    suspectedPhantoms: f.phantom.ao.filter((r, i) => r.length && recs.status[i] === (MemberStatus.ACTIVE as string)).length,
    model,
    seconds,
  };
}
