#!/usr/bin/env node
// Both bin names (vws, vonage-webhook-simulator) run this file.
import '../dist/cli/main.js';
