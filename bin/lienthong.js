#!/usr/bin/env node
// The `lienthong` command: the compiled CLI (npm install builds it; `npm run build` refreshes it).
import '../dist/src/cli/main.js';
