import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/scenarios/parse.ts';
const file = process.argv[2]!;
const r = parseScenario(readFileSync(file, 'utf8'), file);
console.log(r.ok ? JSON.stringify(r.scenario, null, 1) : r.errors.join('\n'));
