#!/usr/bin/env node
// The installed binary: runs the compiled CLI (npm run build writes dist/).
import { run } from "../dist/src/cli/run.js";

run();
