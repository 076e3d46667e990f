/**
 * The server runs at most 4 requests of one session at once and answers the fifth 429 (README "API
 * limits"). The console's screens ask several questions as they open, so its GraphQL calls wait
 * their turn here: 3 at a time, leaving one for a download or an upload. A 429 that says "wait a
 * second" (another tab of the same session, an operator's lower limit) is asked again a little later.
 * The questions in {@link LATER} (what a screen does not need to be used) go after the others and
 * leave one turn free for them: the roster's page is not kept waiting behind its flag counts.
 */
const AT_ONCE = 3;
const RETRIES = 5;
/** Operations asked as a screen opens that it can be used without: "since your last visit", the flag filter's counts. */
const LATER = new Set(['SinceLastVisit', 'FlagCounts']);
/** Statuses a Response may not be built with a body for. */
const NO_BODY = [101, 204, 205, 304];
let running = 0;
const waiting: { later: boolean; go: () => void }[] = [];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the waiting calls there are turns for: the others first, in order, then the later ones. */
function pump(): void {
  for (;;) {
    const first = waiting.findIndex((w) => !w.later);
    const next = first >= 0 ? first : waiting.length ? 0 : -1;
    if (next < 0 || running >= (waiting[next].later ? AT_ONCE - 1 : AT_ONCE)) return;
    const [call] = waiting.splice(next, 1);
    running++;
    call.go();
  }
}

async function turn(later: boolean): Promise<void> {
  // A later call asked while a screen opens lets the calls of the same opening queue first.
  if (later) await pause(0);
  return new Promise<void>((go) => {
    waiting.push({ later, go });
    pump();
  });
}

function done(): void {
  running--;
  pump();
}

/** Whether a GraphQL call may wait for the others (its operation is in LATER). */
function asksLater(init?: RequestInit): boolean {
  if (typeof init?.body !== 'string') return false;
  const name = /"operationName":"(\w+)"/.exec(init.body)?.[1];
  return name !== undefined && LATER.has(name);
}

/** A fetch that waits its turn, reads the whole answer before giving the turn up, and asks again after a "busy" 429. */
export async function gatedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const later = asksLater(init);
  for (let attempt = 0; ; attempt++) {
    await turn(later);
    let res: Response;
    let body: ArrayBuffer;
    try {
      res = await fetch(input, init);
      body = await res.arrayBuffer();
    } finally {
      done();
    }
    const busy = res.status === 429 && Number(res.headers.get('Retry-After') ?? '0') <= 1;
    if (!busy || attempt === RETRIES)
      return new Response(NO_BODY.includes(res.status) ? null : body, {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    await pause(300 * (attempt + 1));
  }
}
