#!/usr/bin/env node
// The `lienthong` command: the compiled CLI as one file (npm install builds it; `npm run build` refreshes it).
import '../dist/cli/lienthong.js';
