/** The shared figures' memo lives with the cache it is (the roster's counts use it too); the linker's code names it here. */
export { FIGURES_CHANNEL, FiguresMemo } from '../common/cache/figures-memo.js';
