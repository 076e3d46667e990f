/**
 * The server runs at most 4 requests of one session at once and answers the fifth 429 (README "API
 * limits"). The console's screens ask several questions as they open, so its GraphQL calls wait
 * their turn here: 3 at a time, leaving one for a download or an upload. A 429 that says "wait a
 * second" (another tab of the same session, an operator's lower limit) is asked again a little later.
 */
const AT_ONCE = 3;
const RETRIES = 5;
/** Statuses a Response may not be built with a body for. */
const NO_BODY = [101, 204, 205, 304];
let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<void> {
  if (running < AT_ONCE) {
    running++;
    return;
  }
  // The slot is handed over by the call that ends (running stays as it is).
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function done(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fetch that waits its turn, reads the whole answer before giving the turn up, and asks again after a "busy" 429. */
export async function gatedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    await turn();
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
